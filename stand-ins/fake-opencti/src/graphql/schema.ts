/** One field of an object type in the fake's schema. */
export interface FieldDef {
  /** The named type of the field (an object type of the schema, or a scalar). */
  type: string;
  list?: boolean;
  /** Argument names the field accepts. */
  args?: readonly string[];
}

/** Object types by name, each a map of its fields. */
export type Schema = Readonly<Record<string, Readonly<Record<string, FieldDef>>>>;

/** The scalar types the fake's schema uses. */
export const SCALARS: ReadonlySet<string> = new Set(['String', 'ID', 'Boolean', 'Int', 'DateTime']);

/** Whether `type` is a leaf type (no selection set allowed). */
export function isLeafType(type: string): boolean {
  return SCALARS.has(type);
}
