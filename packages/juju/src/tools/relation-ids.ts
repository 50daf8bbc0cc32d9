/** `relation-ids [options] <name>`: list `<endpoint>:<id>` of an endpoint's relations. */
import { checkEmpty } from '../argv.js';
import { UsageError } from '../errors.js';
import { defineTool } from '../tool.js';

/** The relation-ids tool. */
export const relationIds = defineTool<{ name: string }>({
  name: 'relation-ids',
  args: '<name>',
  purpose: 'List all relation ids for the given endpoint.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  init: (ctx, parsed) => {
    const [first, ...rest] = parsed.positionals;
    const current = ctx.relation(ctx.defaultRelationId);
    const name = first ?? (current ? ctx.endpointName(current) : '');
    if (name === '') throw new UsageError('no endpoint name specified');
    checkEmpty(rest);
    return { name };
  },
  run: (ctx, cmd) => {
    const keys = ctx
      .relations()
      .filter((r) => ctx.endpointName(r) === cmd.name)
      .map((r) => `${cmd.name}:${r.id}`)
      .sort();
    return { value: keys };
  },
});
