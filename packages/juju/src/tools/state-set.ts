/** `state-set`: the unit's controller-side charm state (buffered). */
import { stringFlag } from '../argv.js';
import { RunError } from '../errors.js';
import { parseKeyValues, parseSettingsYaml } from '../keyvalues.js';
import type { Bag } from '../state.js';
import { defineTool } from '../tool.js';

/** Largest key `state-set` accepts, in bytes. */
export const MAX_STATE_KEY_BYTES = 256;

/** Largest value `state-set` accepts, in bytes. */
export const MAX_STATE_VALUE_BYTES = 65536;

/** The state-set tool. */
export const stateSet = defineTool<{ pairs: Bag; file: string }>({
  name: 'state-set',
  args: 'key=value [key=value ...]',
  purpose: 'Set server-side-state values.',
  flags: () => [{ names: ['file'], kind: 'string', usage: 'file containing key-value pairs' }],
  init: (_ctx, parsed) => ({ pairs: parseKeyValues(parsed.positionals), file: stringFlag(parsed, 'file') }),
  run: (ctx, cmd, io) => {
    let settings: Bag = {};
    if (cmd.file !== '') {
      let text: Buffer;
      try {
        text = cmd.file === '-' ? io.stdin() : io.readFile(cmd.file);
      } catch (err) {
        if (cmd.file === '-') throw err;
        throw new RunError(err instanceof Error ? err.message : String(err));
      }
      settings = parseSettingsYaml(text.toString('utf8'));
    }
    Object.assign(settings, cmd.pairs);
    for (const [k, v] of Object.entries(settings)) {
      if (Buffer.byteLength(k) > MAX_STATE_KEY_BYTES) {
        throw new RunError(`max allowed key length (${MAX_STATE_KEY_BYTES}) exceeded`);
      }
      if (Buffer.byteLength(v) > MAX_STATE_VALUE_BYTES) {
        throw new RunError(`max allowed value length (${MAX_STATE_VALUE_BYTES}) exceeded`);
      }
    }
    const current = ctx.charmState();
    for (const [k, v] of Object.entries(settings)) {
      if (current[k] !== v) ctx.pending.charmState[k] = v;
    }
    return undefined;
  },
});
