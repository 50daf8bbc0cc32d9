/**
 * Derives a databag's TypeScript type from its JSON Schema (declared `as const`), so the schema is the one
 * source of truth: every `required` property is a string, the other declared properties are optional
 * strings, and extra keys are allowed (the catalogue schemas have no `additionalProperties: false`).
 */
export type AppDataOf<S extends AppDataSchema> = {
  readonly [K in S['required'][number]]: string;
} & {
  readonly [K in Exclude<keyof S['properties'], S['required'][number]>]?: string;
} & Readonly<Record<string, string>>;

/** The shape of an application-databag schema: an object of string properties. */
export interface AppDataSchema {
  readonly type: 'object';
  readonly title: string;
  readonly properties: Readonly<Record<string, { readonly type: 'string' }>>;
  readonly required: readonly string[];
}
