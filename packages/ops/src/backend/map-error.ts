import { HookToolError } from '../hooktools/runner.js';
import { ModelError, RelationNotFoundError, SecretNotFoundError } from './errors.js';

/** Turns a failed tool into the error ops raises for it (ops/model.py `_ModelBackend._run`). */
export function mapToolError(error: unknown): unknown {
  if (!(error instanceof HookToolError)) return error;
  const stderr = error.stderr;
  const lower = stderr.toLowerCase();
  if (
    (error.tool.startsWith('relation-') || error.tool.startsWith('network-')) &&
    lower.includes('relation not found')
  ) {
    return new RelationNotFoundError(stderr, { cause: error });
  }
  if (error.tool.startsWith('secret-') && lower.includes('not found')) {
    return new SecretNotFoundError(stderr, { cause: error });
  }
  return new ModelError(stderr, { cause: error });
}
