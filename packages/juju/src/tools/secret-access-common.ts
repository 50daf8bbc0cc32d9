/** What the `secret-grant`, `secret-revoke` tools share. */
import { checkEmpty } from '../argv.js';
import { UsageError } from '../errors.js';
import { parseSecretUri } from '../ids.js';

/** The secret URI argument of `secret-grant`/`secret-revoke`. */
export function parseId(positionals: readonly string[]): string {
  const [first, ...rest] = positionals;
  if (first === undefined) throw new UsageError('missing secret URI');
  const id = parseSecretUri(first);
  if (id === undefined) throw new UsageError(`secret URI "${first}" not valid`);
  checkEmpty(rest);
  return id;
}
