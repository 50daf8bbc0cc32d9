/** `secret-ids`: bare xids of the secrets this unit (or, as leader, its app) owns. */
import { checkEmpty } from '../argv.js';
import { ownedSecrets } from '../secrets.js';
import { defineTool } from '../tool.js';

/** The secret-ids tool. */
export const secretIds = defineTool<null>({
  name: 'secret-ids',
  purpose: 'Print secret ids.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  init: (_ctx, parsed) => {
    checkEmpty(parsed.positionals);
    return null;
  },
  run: (ctx) => ({ value: ownedSecrets(ctx).map((s) => s.id) }),
});
