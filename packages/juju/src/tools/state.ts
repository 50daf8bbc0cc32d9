/** `state-get`, `state-set`, `state-delete`: the unit's controller-side charm state (buffered). */
import { boolFlag, checkEmpty, stringFlag } from '../argv.js';
import { RunError } from '../errors.js';
import { parseKeyValues, parseSettingsYaml } from '../keyvalues.js';
import type { Bag } from '../state.js';
import { defineTool } from '../tool.js';

/** Largest key `state-set` accepts, in bytes. */
export const MAX_STATE_KEY_BYTES = 256;
/** Largest value `state-set` accepts, in bytes. */
export const MAX_STATE_VALUE_BYTES = 65536;

/** The state-get tool. */
export const stateGet = defineTool<{ key: string; strict: boolean; json: boolean }>({
  name: 'state-get',
  args: '[<key>]',
  purpose: 'Print charm data from the server-side state.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  flags: () => [
    { names: ['strict'], kind: 'bool', usage: 'Return an error if the requested key does not exist' },
  ],
  init: (_ctx, parsed) => {
    const [first = '', ...rest] = parsed.positionals;
    checkEmpty(rest);
    return {
      key: first === '-' ? '' : first,
      strict: boolFlag(parsed, 'strict'),
      json: stringFlag(parsed, 'format') === 'json',
    };
  },
  run: (ctx, cmd) => {
    const state = ctx.charmState();
    if (cmd.key === '') {
      // An empty state is a nil map: yaml prints {}, json prints null.
      return { value: Object.keys(state).length === 0 && cmd.json ? null : state };
    }
    const value = state[cmd.key];
    if (value === undefined && cmd.strict) throw new RunError(`"${cmd.key}" not found`);
    return { value: value ?? '' };
  },
});

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

/** The state-delete tool. */
export const stateDelete = defineTool<{ key: string }>({
  name: 'state-delete',
  args: '<key>',
  purpose: 'Delete server-side-state key value pairs.',
  init: (_ctx, parsed) => {
    const [key = '', ...rest] = parsed.positionals;
    checkEmpty(rest);
    return { key };
  },
  run: (ctx, cmd) => {
    if (cmd.key !== '' && cmd.key in ctx.charmState()) ctx.pending.charmState[cmd.key] = null;
    return undefined;
  },
});
