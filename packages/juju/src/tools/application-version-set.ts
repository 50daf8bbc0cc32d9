/** `application-version-set <new-version>`: set the workload version (immediate). */
import { checkEmpty } from '../argv.js';
import { UsageError } from '../errors.js';
import { defineTool } from '../tool.js';

/** The application-version-set tool. */
export const applicationVersionSet = defineTool<{ version: string }>({
  name: 'application-version-set',
  args: '<new-version>',
  purpose: 'Specify which version of the application is deployed.',
  init: (_ctx, parsed) => {
    const [version, ...rest] = parsed.positionals;
    if (version === undefined) throw new UsageError('no version specified');
    checkEmpty(rest);
    return { version };
  },
  run: (ctx, cmd) => {
    ctx.app.workloadVersion = cmd.version;
    return undefined;
  },
});
