/** `relation-set [options] key=value ...`: buffer writes to this unit's (or app's) bag. */
import { resolve } from 'node:path';
import { boolFlag, stringFlag } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import { parseKeyValues, parseSettingsYaml } from '../keyvalues.js';
import { pathErrorMessage } from '../os-error.js';
import { relationFlag, relationIdFrom } from '../relation-flag.js';
import type { Bag } from '../state.js';
import { defineTool, type ToolIO } from '../tool.js';

interface RelationSet {
  relationId: number;
  overrides: Bag;
  file: string;
  app: boolean;
  format: string;
}

/** The relation-set tool. */
export const relationSet = defineTool<RelationSet>({
  name: 'relation-set',
  args: 'key=value [key=value ...]',
  purpose: 'Set relation settings.',
  flags: (ctx) => [
    relationFlag(ctx),
    { names: ['file'], kind: 'string', usage: 'file containing key-value pairs' },
    {
      names: ['app'],
      kind: 'bool',
      usage: 'pick whether you are setting "application" settings or "unit" settings',
    },
    { names: ['format'], kind: 'string', usage: 'deprecated format flag' },
  ],
  init: (_ctx, parsed) => {
    const relationId = relationIdFrom(parsed);
    if (relationId === -1) throw new UsageError('no relation id specified');
    return {
      relationId,
      overrides: parseKeyValues(parsed.positionals),
      file: stringFlag(parsed, 'file'),
      app: boolFlag(parsed, 'app'),
      format: stringFlag(parsed, 'format'),
    };
  },
  run: (ctx, cmd, io) => {
    const stderr = cmd.format !== '' ? '--format flag deprecated for command "relation-set"' : '';
    let settings: Bag = Object.create(null);
    if (cmd.file !== '') {
      const text = cmd.file === '-' ? io.stdin() : readOrFail(io, cmd.file);
      settings = parseSettingsYaml(text.toString('utf8'));
    }
    for (const [k, v] of Object.entries(cmd.overrides)) Object.defineProperty(settings, k, own(v));
    const relation = ctx.relation(cmd.relationId);
    if (!relation) throw new RunError('relation not found');
    if (cmd.app && !ctx.isLeader()) throw new RunError('cannot write relation settings');
    const bucket = cmd.app ? ctx.pending.appData : ctx.pending.unitData;
    // No prototype, and defined rather than assigned: `__proto__` and `constructor` are keys like others.
    const delta = bucket[String(relation.id)] ?? Object.create(null);
    for (const [k, v] of Object.entries(settings)) Object.defineProperty(delta, k, own(v === '' ? null : v));
    bucket[String(relation.id)] = delta;
    return { stderr };
  },
});

function own<T>(value: T): PropertyDescriptor {
  return { value, writable: true, enumerable: true, configurable: true };
}

/** cmd.FileVar.Open: the path is resolved against the caller's directory, errors are os.Open's. */
function readOrFail(io: ToolIO, file: string): Buffer {
  try {
    return io.readFile(file);
  } catch (err) {
    throw new RunError(pathErrorMessage('open', resolve(io.cwd, file), err));
  }
}
