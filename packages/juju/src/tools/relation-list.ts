/** `relation-list [options]`: the relation's remote members, or the remote application with `--app`. */
import { boolFlag, checkEmpty } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import { relationMembers } from '../members.js';
import { relationFlag, relationIdFrom } from '../relation-flag.js';
import { defineTool } from '../tool.js';

/** The relation-list tool. */
export const relationList = defineTool<{ relationId: number; app: boolean }>({
  name: 'relation-list',
  purpose: 'List relation units.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  flags: (ctx) => [
    relationFlag(ctx),
    { names: ['app'], kind: 'bool', usage: 'List remote application instead of participating units' },
  ],
  init: (_ctx, parsed) => {
    const relationId = relationIdFrom(parsed);
    if (relationId === -1) throw new UsageError('no relation id specified');
    checkEmpty(parsed.positionals);
    return { relationId, app: boolFlag(parsed, 'app') };
  },
  run: (ctx, cmd) => {
    const relation = ctx.relation(cmd.relationId);
    if (!relation) throw new RunError('relation not found');
    if (cmd.app) return { value: ctx.remoteAppName(relation) };
    const units = relationMembers(ctx, relation);
    return { value: units };
  },
});
