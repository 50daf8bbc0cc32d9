// Types of the generated ajv standalone validators in validators.js (see src/codegen/validators.ts).

/** One ajv error, as the generated code reports it. */
export interface GeneratedValidationError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** An ajv standalone validator: true when valid; otherwise `errors` holds why. */
export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: GeneratedValidationError[] | null;
}

export const validateProviderAppData: GeneratedValidator;
export const validateRequirerAppData: GeneratedValidator;
