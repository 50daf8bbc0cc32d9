/** `relation-model-get [-r id]`: the uuid of the model on the other side of the relation. */
import { checkEmpty } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import { relationFlag, relationIdFrom } from '../relation-flag.js';
import { defineTool } from '../tool.js';

/** The relation-model-get tool. */
export const relationModelGet = defineTool<{ relationId: number }>({
  name: 'relation-model-get',
  purpose: 'Get details about the model hosing a related application.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  flags: (ctx) => [relationFlag(ctx)],
  init: (_ctx, parsed) => {
    const relationId = relationIdFrom(parsed);
    if (relationId === -1) throw new UsageError('no relation id specified');
    checkEmpty(parsed.positionals);
    return { relationId };
  },
  run: (ctx, cmd) => {
    const relation = ctx.relation(cmd.relationId);
    if (!relation) throw new RunError('relation not found');
    return { value: { uuid: relation.remoteModelUuid ?? ctx.state.model.uuid } };
  },
});
