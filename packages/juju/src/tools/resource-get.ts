/** `resource-get <resource name>`: the local path of a resource (printed without a newline). */
import { checkEmpty } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import { defineTool } from '../tool.js';

/** The resource-get tool. */
export const resourceGet = defineTool<{ name: string }>({
  name: 'resource-get',
  args: '<resource name>',
  purpose: 'Get the path to the locally cached resource file.',
  init: (_ctx, parsed) => {
    const [name, ...rest] = parsed.positionals;
    if (name === undefined) throw new UsageError('missing required resource name');
    checkEmpty(rest);
    return { name };
  },
  run: (ctx, cmd) => {
    const path = ctx.app.resources[cmd.name];
    if (path === undefined) {
      throw new RunError(`could not download resource: resource#${ctx.app.name}/${cmd.name} not found`);
    }
    return { stdout: path };
  },
});
