import type { JsonObject } from '../types/json.js';
import { type Invoke, parseJson } from './runner.js';

/** `action-get --format=json` → the action's params (Juju has already applied the schema's defaults). */
export function actionGet(run: Invoke): JsonObject {
  const out = parseJson('action-get', run('action-get', ['--format=json']));
  return out && typeof out === 'object' && !Array.isArray(out) ? (out as JsonObject) : {};
}

/** `action-set k=v a.b=c …` with already flattened, validated keys; nothing to set makes no call. */
export function actionSet(run: Invoke, results: Readonly<Record<string, string>>): void {
  const args = Object.entries(results).map(([k, v]) => `${k}=${v}`);
  if (args.length > 0) run('action-set', args);
}

/** `action-log -- <message>`. */
export function actionLog(run: Invoke, message: string): void {
  run('action-log', ['--', message]);
}

/** `action-fail -- <message>`. */
export function actionFail(run: Invoke, message: string): void {
  run('action-fail', ['--', message]);
}
