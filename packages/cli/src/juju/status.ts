/**
 * `status` and `show-unit` (juju/juju cmd/juju/status/status.go, output_tabular.go, formatted.go;
 * cmd/juju/application/showunit.go): juju 3.6's documents and table from the simulated model.
 */
import { jujuRelations, renderJujuStatus, SimError } from '@ops-ts/sim';
import { readModel, type Verb } from './context.js';
import { UNIT_NAME } from './deploy.js';
import { UsageError } from './flags.js';
import { FORMAT_FLAG, formatDocument, formatOf } from './output.js';

const status: Verb = {
  name: 'status',
  summary: 'Report the status of the model, its machines, applications and units.',
  usage: '[options] [<selector> [...]]',
  modelFlag: true,
  flags: [
    FORMAT_FLAG,
    { names: ['relations'], kind: 'bool' },
    { names: ['integrations'], kind: 'bool' },
    { names: ['storage'], kind: 'bool' },
    { names: ['color'], kind: 'bool' },
    { names: ['no-color'], kind: 'bool' },
    { names: ['utc'], kind: 'bool' },
    { names: ['B', 'no-browser-login'], kind: 'bool' },
    { names: ['watch'], kind: 'string' },
    { names: ['retry-count'], kind: 'int' },
    { names: ['retry-delay'], kind: 'string' },
  ],
  run(ctx) {
    const format = formatOf(ctx.flags, 'tabular', [
      'tabular',
      'yaml',
      'json',
      'short',
      'line',
      'oneline',
      'summary',
    ]);
    if (!['tabular', 'yaml', 'json'].includes(format))
      throw new SimError(`--format ${format} is not offered by the simulator (use tabular, yaml or json)`);
    if (ctx.flags.has('watch'))
      throw new UsageError('--watch is not offered by the simulator: run status again');
    const patterns = ctx.flags.args;
    return readModel(ctx, (sim) => {
      const doc = sim.jujuStatus({ patterns });
      if (format !== 'tabular') {
        ctx.io.stdout(formatDocument(doc, format));
        return 0;
      }
      const withRelations = ctx.flags.bool('relations') || ctx.flags.bool('integrations');
      ctx.io.stdout(
        renderJujuStatus(doc, withRelations ? { relations: jujuRelations(sim.state, patterns) } : {}),
      );
      // cmd/juju/status/status.go: an empty model is said so on stderr, after the model line.
      if (Object.keys(doc.applications).length === 0 && patterns.length === 0)
        ctx.io.stderr(`\nModel "admin/${doc.model.name}" is empty.\n`);
      return 0;
    });
  },
};

const showUnit: Verb = {
  name: 'show-unit',
  summary: 'Displays information about a unit.',
  usage: '<unit name> [...] [--format yaml|json]',
  modelFlag: true,
  flags: [
    FORMAT_FLAG,
    { names: ['app'], kind: 'bool' },
    { names: ['endpoint'], kind: 'string' },
    { names: ['related-unit'], kind: 'string' },
  ],
  run(ctx) {
    const format = formatOf(ctx.flags, 'yaml', ['yaml', 'json']);
    const units = ctx.flags.args;
    // showunit.go Init: every bad name in one error, unquoted.
    if (units.length === 0) throw new UsageError('an unit name must be supplied');
    const invalid = units.filter((u) => !UNIT_NAME.test(u));
    if (invalid.length > 0)
      throw new UsageError(`unit name${invalid.length === 1 ? '' : 's'} ${invalid.join(', ')} not valid`);
    return readModel(ctx, (sim) => {
      const endpoint = ctx.flags.string('endpoint');
      const doc = Object.fromEntries(
        units.map((u) => {
          const info = sim.jujuShowUnit(u);
          if (endpoint && info['relation-info'])
            info['relation-info'] = info['relation-info'].filter((r) => r.endpoint === endpoint);
          return [u, info];
        }),
      );
      ctx.io.stdout(formatDocument(doc, format));
      return 0;
    });
  },
};

/** The view verbs. */
export const statusVerbs: readonly Verb[] = [status, showUnit];
