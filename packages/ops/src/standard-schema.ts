// Standard Schema (https://standardschema.dev, v1): the common interface of zod, valibot, arktype and
// others, so `loadConfig`, `loadParams` and `Relation.load` take any of them without depending on one.
// The interface is declared here, as the spec intends (no runtime package).

/** One problem a validator reports, with the path to the failing value. */
export interface StandardIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>;
}

/** What `validate` returns: the output value, or the issues. */
export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardIssue> };

/** A Standard Schema v1 validator. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output };
  };
}

/** A value a Standard Schema validator refused; the message names every failing field in one line. */
export class SchemaValidationError extends Error {
  override name = 'SchemaValidationError';
  constructor(
    message: string,
    /** The validator's issues. */
    readonly issues: ReadonlyArray<StandardIssue>,
  ) {
    super(message);
  }
}

/** Whether `value` is a Standard Schema validator. */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  const std = (value as { '~standard'?: { version?: unknown; validate?: unknown } } | null)?.['~standard'];
  return typeof std === 'object' && std !== null && std.version === 1 && typeof std.validate === 'function';
}

function pathText(issue: StandardIssue): string {
  return (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.');
}

/**
 * Runs a validator synchronously (a hook has no event loop to wait on for config): the output, or a
 * SchemaValidationError such as `port: Expected number, received string; name: Required`.
 */
export function validateWith<Output>(schema: StandardSchemaV1<unknown, Output>, value: unknown): Output {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) {
    throw new TypeError(`the ${schema['~standard'].vendor} validator is asynchronous; use a synchronous one`);
  }
  if (result.issues) {
    const text = result.issues
      .map((i) => (pathText(i) ? `${pathText(i)}: ${i.message}` : i.message))
      .join('; ');
    throw new SchemaValidationError(text, result.issues);
  }
  return result.value;
}
