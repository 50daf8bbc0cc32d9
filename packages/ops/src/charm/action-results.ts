/** A value `setResults` accepts: text, numbers and booleans (sent as text), or nested objects of them. */
export type ActionResultValue = string | number | boolean | { readonly [key: string]: ActionResultValue };

/** Results of an action; nested objects become dotted keys (`{a: {b: 1}}` → `a.b=1`). */
export type ActionResults = { readonly [key: string]: ActionResultValue };

/** A result key Juju would refuse (or a duplicate after flattening); raised before `action-set` runs. */
export class InvalidActionResultsError extends RangeError {
  override name = 'InvalidActionResultsError';
}

/** ops's check of each key as given (`_ACTION_RESULT_KEY_REGEX`). */
const OPS_KEY_RE = /^[a-z0-9](([a-z0-9-.]+)?[a-z0-9])?$/;
/** Juju's check of each dot-separated segment of a flattened key (action-set). */
const JUJU_SEGMENT_RE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/** Keys Juju reserves for the dispatch process's own output. */
const RESERVED = new Set(['stdout', 'stdout-encoding', 'stderr', 'stderr-encoding']);

/**
 * Flattens nested results into dotted keys as ops does, checking every key with ops's rule and Juju's
 * (segments lowercase alphanumeric with inner hyphens, reserved names refused, no duplicates).
 */
export function flattenActionResults(results: ActionResults): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (obj: ActionResults, parent: string | undefined): void => {
    for (const [key, value] of Object.entries(obj)) {
      if (!OPS_KEY_RE.test(key)) {
        throw new InvalidActionResultsError(
          `action result key ${JSON.stringify(key)} is invalid: must be similar to 'key', 'some-key2', or 'some.key'`,
        );
      }
      const full = parent ? `${parent}.${key}` : key;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        visit(value, full);
        continue;
      }
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        throw new InvalidActionResultsError(
          `action result ${JSON.stringify(full)} must be a string, number, boolean or object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
        );
      }
      if (full in out) {
        throw new InvalidActionResultsError(
          `duplicate key detected in results passed to 'action-set': ${JSON.stringify(full)}`,
        );
      }
      out[full] = String(value);
    }
  };
  visit(results, undefined);
  for (const key of Object.keys(out)) {
    for (const segment of key.split('.')) {
      if (!JUJU_SEGMENT_RE.test(segment)) {
        throw new InvalidActionResultsError(
          `action result key ${JSON.stringify(key)}: key ${JSON.stringify(segment)} must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric, hyphens and periods`,
        );
      }
    }
    const top = key.split('.')[0] ?? key;
    if (RESERVED.has(top)) {
      throw new InvalidActionResultsError(`cannot set reserved action key ${JSON.stringify(top)}`);
    }
  }
  return out;
}
