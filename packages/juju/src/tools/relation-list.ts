/** `relation-list [options]`: remote units in scope, or the remote application with `--app`. */
import { boolFlag, checkEmpty } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import { unitApp } from '../ids.js';
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
    const remoteApp = ctx.remoteAppName(relation);
    if (cmd.app) return { value: remoteApp };
    // In -relation-broken the member list is empty; the departing unit is already gone.
    const broken =
      ctx.options.relationId === relation.id && (ctx.options.hookName ?? '').endsWith('-relation-broken');
    if (broken) return { value: [] };
    const units = relation.scope
      .filter((u) => unitApp(u) === remoteApp && u !== ctx.options.unit && u !== ctx.options.departingUnit)
      .sort();
    return { value: units };
  },
});
