/** Juju's rule for secret content keys: lowercase, ≥ 3 characters, single hyphens inside. */
export const SECRET_KEY_RE = /^([a-z](?:-?[a-z0-9]){2,})$/;

/** Secret content a charm passes in is not what Juju accepts; raised before any tool runs. */
export class InvalidSecretContentError extends TypeError {
  override name = 'InvalidSecretContentError';
}

/**
 * Checks content as ops (and Juju) do: a non-empty object of string values with valid keys. Messages
 * name the offending keys and value types, never a value: secret values must not reach logs.
 */
export function assertSecretContent(content: unknown): asserts content is Record<string, string> {
  if (!content || typeof content !== 'object' || Array.isArray(content)) {
    throw new InvalidSecretContentError(
      `secret content must be an object of string values, got ${Array.isArray(content) ? 'an array' : typeof content}`,
    );
  }
  const entries = Object.entries(content);
  if (entries.length === 0) throw new InvalidSecretContentError('secret content must not be empty');
  const badKeys = entries.map(([k]) => k).filter((k) => !SECRET_KEY_RE.test(k));
  if (badKeys.length > 0) {
    throw new InvalidSecretContentError(
      `invalid secret keys: ${badKeys.map((k) => JSON.stringify(k)).join(', ')}. Keys should be lowercase ` +
        'letters and digits, at least 3 characters long, start with a letter, and not start or end with a hyphen.',
    );
  }
  const badValues = entries.filter(([, v]) => typeof v !== 'string');
  if (badValues.length > 0) {
    throw new InvalidSecretContentError(
      `invalid secret values, expected strings: ${badValues.map(([k, v]) => `${JSON.stringify(k)} (${v === null ? 'null' : typeof v})`).join(', ')}`,
    );
  }
}
