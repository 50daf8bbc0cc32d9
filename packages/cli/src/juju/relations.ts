/**
 * `integrate`, `remove-relation`, `config` and `trust` (juju/juju cmd/juju/application/integrate.go,
 * removerelation.go, config.go, trust.go), with those files' error texts.
 */
import { parseKeyValues, SimError } from '@ops-ts/sim';
import { configArgs } from '../sim/common.js';
import { openModel } from '../sim/session.js';
import { changeModel, readModel, type Verb } from './context.js';
import { pathArg } from './deploy.js';
import { goQuote, UsageError } from './flags.js';
import { FORMAT_FLAG, formatDocument, formatOf } from './output.js';

const integrate: Verb = {
  name: 'integrate',
  aliases: ['relate'],
  summary: 'Integrate two applications.',
  usage: '<application>[:<endpoint>] <application>[:<endpoint>]',
  modelFlag: true,
  flags: [{ names: ['via'], kind: 'string' }],
  run(ctx) {
    const [a, b, ...extra] = ctx.flags.args;
    // integrate.go Init.
    if (a === undefined || b === undefined || extra.length > 0)
      throw new UsageError('an integration must involve two applications');
    if (ctx.flags.has('via'))
      throw new SimError('--via is for cross-model integrations, which the simulator does not have');
    return changeModel(ctx, (sim) => {
      sim.integrate(a, b);
      return 0;
    });
  },
};

const removeRelation: Verb = {
  name: 'remove-relation',
  aliases: ['remove-integration'],
  summary: 'Removes an existing relation between two applications.',
  usage: '<application1>[:<endpoint>] <application2>[:<endpoint>] | <relation-id>',
  modelFlag: true,
  flags: [{ names: ['force'], kind: 'bool' }],
  run(ctx) {
    const [a, b, ...extra] = ctx.flags.args;
    // removerelation.go Init: one argument is a relation id (strconv.Atoi, not negative).
    if (a !== undefined && b === undefined && extra.length === 0 && !/^\+?\d+$/.test(a))
      throw new UsageError(`relation ID ${goQuote(a)} not valid`);
    if (a === undefined || extra.length > 0) throw new UsageError('a relation must involve two applications');
    return changeModel(ctx, (sim) => {
      sim.removeRelation(a, b);
      return 0;
    });
  },
};

function printValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const config: Verb = {
  name: 'config',
  summary: 'Get, set, or reset configuration for a deployed application.',
  usage: '<application name> [--reset <key[,key]>] [<attribute-key>][=<value>] ...]',
  modelFlag: true,
  flags: [
    FORMAT_FLAG,
    { names: ['reset'], kind: 'list' },
    { names: ['file'], kind: 'string' },
    { names: ['color'], kind: 'bool' },
    { names: ['no-color'], kind: 'bool' },
  ],
  run(ctx) {
    const [app, ...rest] = ctx.flags.args;
    // config.go Init and validateValues: the first argument must be the application.
    if (app === undefined || app.includes('=')) throw new UsageError('no application name specified');
    const reset = ctx.flags
      .list('reset')
      .flatMap((r) => r.split(','))
      .filter((r) => r !== '');
    const sets = rest.filter((r) => r.includes('='));
    const gets = rest.filter((r) => !r.includes('='));
    const file = ctx.flags.string('file');
    // config.go validateValues.
    if (gets.length > 0 && (sets.length > 0 || reset.length > 0 || file !== undefined))
      throw new UsageError('cannot set and retrieve values simultaneously');
    if (gets.length > 1) throw new UsageError('can only retrieve a single value, or all values');
    if (sets.length === 0 && reset.length === 0 && file === undefined) {
      const format = formatOf(ctx.flags, 'yaml', ['yaml', 'json']);
      return readModel(ctx, (sim) => {
        const settings = sim.getConfig(app);
        const [key] = gets;
        if (key !== undefined) {
          const setting = settings[key];
          if (!setting)
            throw new SimError(
              `key ${JSON.stringify(key)} not found in ${JSON.stringify(app)} application config or charm settings.`,
            );
          ctx.io.stdout(`${printValue(setting.value)}\n`);
          return 0;
        }
        // config.go: unset options without a default carry no value.
        const shown = Object.fromEntries(
          Object.entries(settings).map(([k, s]) => [
            k,
            {
              ...(s.default !== undefined ? { default: s.default } : {}),
              description: s.description,
              source: s.source,
              type: s.type,
              ...(s.source !== 'unset' ? { value: s.value } : {}),
            },
          ]),
        );
        const application = sim.state.applications[app];
        const doc = {
          application: app,
          'application-config': {
            trust: {
              default: false,
              description: 'Does this application have access to trusted credentials',
              source: application?.trust ? 'user' : 'default',
              type: 'bool',
              value: application?.trust ?? false,
            },
          },
          charm: String(application?.charm.metadata.name ?? ''),
          settings: shown,
        };
        ctx.io.stdout(formatDocument(doc, format));
        return 0;
      });
    }
    const values: Record<string, string> = {};
    if (file !== undefined) {
      // `--file -` reads stdin; the file holds `app: {k: v}` or a flat mapping, as deploy --config reads it.
      const path = file === '-' ? '/dev/stdin' : pathArg(ctx, file);
      Object.assign(values, configArgs({ open: openModel, baseDir: ctx.io.cwd }, app, [path]));
    }
    Object.assign(values, parseKeyValues(sets, 'config'));
    return changeModel(ctx, (sim) => {
      sim.setConfig(app, values, reset);
      return 0;
    });
  },
};

const trust: Verb = {
  name: 'trust',
  summary: 'Sets the trust status of a deployed application to true.',
  usage: '<application name> [--remove] [--scope model|cluster]',
  modelFlag: true,
  flags: [
    { names: ['remove'], kind: 'bool' },
    { names: ['scope'], kind: 'string' },
  ],
  run(ctx) {
    // trust.go Init: only the application is read.
    const [app] = ctx.flags.args;
    if (app === undefined) throw new UsageError('no application name specified');
    const scope = ctx.flags.string('scope', '');
    return changeModel(ctx, (sim) => {
      // trust.go Run: on k8s models granting trust needs --scope=cluster.
      if (sim.state.model.type === 'kubernetes' && !ctx.flags.bool('remove')) {
        if (scope === '')
          throw new SimError(
            "'juju trust' currently grants full access to the cluster itself.\nSet the scope to 'cluster' using '--scope=cluster' to confirm this choice.\n",
          );
        if (scope !== 'cluster') throw new SimError(`scope ${goQuote(scope)} not valid`);
      }
      sim.setTrust(app, !ctx.flags.bool('remove'));
      return 0;
    });
  },
};

/** Relation, config and trust verbs. */
export const relationVerbs: readonly Verb[] = [integrate, removeRelation, config, trust];
