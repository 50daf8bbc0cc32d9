/**
 * Application verbs: `deploy`, `refresh`, `add-unit`, `remove-unit`, `remove-application`
 * (juju/juju cmd/juju/application/deploy.go, refresh.go, addunit.go, removeunit.go,
 * removeapplication.go), on local `.charm` files only: the simulator has no Charmhub. Their usage errors
 * are those files' Init texts (deploy.go; addunit.go UnitCommandBase and validateArgsByModelType;
 * removeunit.go validateCAASRemoval and validateIAASRemoval; removeapplication.go Init), each a usage
 * error (exit 2) as juju checks them before connecting.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { readCharmFile, SimError } from '@ops-ts/sim';
import { configArgs } from '../sim/common.js';
import { openModel } from '../sim/session.js';
import { changeModel, type Verb, type VerbContext } from './context.js';
import { checkEmpty, goQuote, UsageError } from './flags.js';

/** names.IsValidApplication (juju/names application.go): words of letters and digits, joined by `-`, none all digits. */
export const APP_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]*[a-z][a-z0-9]*)*$/;

/** names.IsValidUnit (juju/names unit.go): `<application>/<number>`. */
export const UNIT_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]*[a-z][a-z0-9]*)*\/(0|[1-9][0-9]*)$/;

/** A path from the command line, resolved from the working directory. */
export function pathArg(ctx: VerbContext, path: string): string {
  return isAbsolute(path) ? path : resolve(ctx.io.cwd, path);
}

/** `name=value` flag values (`--resource`, `--storage`) as a record. */
function keyValues(values: readonly string[], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0)
      throw new UsageError(`invalid value ${JSON.stringify(v)} for option --${flag}: expected name=value`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

function localCharm(ctx: VerbContext, charm: string): string {
  const path = pathArg(ctx, charm);
  if (!existsSync(path))
    throw new SimError(
      `cannot deploy ${JSON.stringify(charm)}: no such local charm (the simulator deploys local .charm files only)`,
    );
  return path;
}

const deploy: Verb = {
  name: 'deploy',
  summary: 'Deploys a new application or bundle.',
  usage: '[options] <charm path> [<application name>]',
  modelFlag: true,
  flags: [
    { names: ['config'], kind: 'list' },
    { names: ['n', 'num-units'], kind: 'int' },
    { names: ['trust'], kind: 'bool' },
    { names: ['resource'], kind: 'list' },
    { names: ['base'], kind: 'string' },
    { names: ['storage'], kind: 'list' },
    { names: ['channel'], kind: 'string' },
    { names: ['revision'], kind: 'int' },
    { names: ['constraints'], kind: 'list' },
    { names: ['to'], kind: 'string' },
    { names: ['bind'], kind: 'string' },
    { names: ['force'], kind: 'bool' },
    { names: ['attach-storage'], kind: 'list' },
    { names: ['dry-run'], kind: 'bool' },
    { names: ['overlay'], kind: 'list' },
  ],
  run(ctx) {
    const [charm, app, ...extra] = ctx.flags.args;
    if (ctx.flags.has('overlay'))
      throw new SimError('--overlay is for bundles, which the simulator does not deploy');
    if (ctx.flags.bool('dry-run')) throw new SimError('--dry-run is not offered by the simulator');
    // deploy.go Init.
    if (charm === undefined) throw new UsageError('no charm or bundle specified');
    checkEmpty(extra);
    if (app !== undefined && !APP_NAME.test(app))
      throw new UsageError(`invalid application name ${goQuote(app)}`);
    // deploy.go: a local charm has no channel or revision to choose.
    if (ctx.flags.has('revision'))
      throw new SimError('--revision can only be used with charms from Charmhub');
    const numUnits = ctx.flags.int('num-units', 1);
    // addunit.go UnitCommandBase.Init, which deploy shares.
    if (numUnits < 1) throw new UsageError('--num-units must be a positive integer');
    const path = localCharm(ctx, charm);
    const info = readCharmFile(path);
    const name = app ?? info.name;
    return changeModel(ctx, (sim) => {
      if (ctx.flags.has('to') && sim.state.model.type === 'kubernetes')
        throw new UsageError('--to cannot be used on k8s models');
      const base = ctx.flags.string('base');
      sim.deploy(path, {
        app: name,
        config: configArgs({ open: openModel, baseDir: ctx.io.cwd }, name, ctx.flags.list('config')),
        numUnits,
        trust: ctx.flags.bool('trust'),
        ...(base !== undefined ? { base } : {}),
        resources: Object.fromEntries(
          Object.entries(keyValues(ctx.flags.list('resource'), 'resource')).map(([k, v]) => [
            k,
            pathArg(ctx, v),
          ]),
        ),
        storage: keyValues(ctx.flags.list('storage'), 'storage'),
      });
      const revision = sim.sim.apps[name]?.revision ?? 0;
      // cmd/juju/application/deployer/charm.go (local charms).
      ctx.io.stderr(`Located local charm "${info.name}", revision ${revision}\n`);
      ctx.io.stderr(
        `Deploying "${name}" from local charm "${info.name}", revision ${revision} on ${base ?? sim.sim.apps[name]?.base ?? 'ubuntu@22.04'}/stable\n`,
      );
      return 0;
    });
  },
};

const refresh: Verb = {
  name: 'refresh',
  aliases: ['upgrade-charm'],
  summary: "Refresh an application's charm.",
  usage: '<application> --path <charm path>',
  modelFlag: true,
  flags: [
    { names: ['path'], kind: 'string' },
    { names: ['channel'], kind: 'string' },
    { names: ['revision'], kind: 'int' },
    { names: ['base'], kind: 'string' },
    { names: ['config'], kind: 'list' },
    { names: ['resource'], kind: 'list' },
    { names: ['storage'], kind: 'list' },
    { names: ['force'], kind: 'bool' },
    { names: ['force-base'], kind: 'bool' },
    { names: ['force-units'], kind: 'bool' },
    { names: ['trust'], kind: 'bool' },
  ],
  run(ctx) {
    const [app, ...extra] = ctx.flags.args;
    if (app === undefined) throw new UsageError('no application specified');
    checkEmpty(extra);
    const charm = ctx.flags.string('path');
    if (charm === undefined)
      throw new SimError('the simulator refreshes from local charms only: give the new .charm with --path');
    const path = localCharm(ctx, charm);
    return changeModel(ctx, (sim) => {
      const revision = sim.refresh(app, path);
      const config = ctx.flags.list('config');
      if (config.length > 0)
        sim.setConfig(app, configArgs({ open: openModel, baseDir: ctx.io.cwd }, app, config));
      ctx.io.stderr(
        `Added local charm "${String(sim.state.applications[app]?.charm.metadata.name)}", revision ${revision}, to the model\n`,
      );
      return 0;
    });
  },
};

const addUnit: Verb = {
  name: 'add-unit',
  summary: 'Adds one or more units to a deployed application.',
  usage: '<application name> [--num-units N]',
  modelFlag: true,
  flags: [
    { names: ['n', 'num-units'], kind: 'int' },
    { names: ['to'], kind: 'string' },
    { names: ['attach-storage'], kind: 'list' },
  ],
  run(ctx) {
    const [app, ...extra] = ctx.flags.args;
    if (app === undefined) throw new UsageError('no application specified');
    checkEmpty(extra);
    const count = ctx.flags.int('num-units', 1);
    return changeModel(ctx, (sim) => {
      // addunit.go Init: validateArgsByModelType, then UnitCommandBase.Init (the unit count).
      if (sim.state.model.type === 'kubernetes' && (ctx.flags.has('to') || ctx.flags.has('attach-storage')))
        throw new UsageError('k8s models only support --num-units');
      if (count < 1) throw new UsageError('--num-units must be a positive integer');
      sim.addUnit(app, count);
      return 0;
    });
  },
};

const removeUnit: Verb = {
  name: 'remove-unit',
  summary: 'Remove application units from the model.',
  usage: '<unit> [...] | <application> --num-units N',
  modelFlag: true,
  flags: [
    { names: ['num-units'], kind: 'int' },
    { names: ['force'], kind: 'bool' },
    { names: ['no-wait'], kind: 'bool' },
    { names: ['no-prompt'], kind: 'bool' },
    { names: ['destroy-storage'], kind: 'bool' },
    { names: ['dry-run'], kind: 'bool' },
  ],
  run(ctx) {
    const names = ctx.flags.args;
    const force = ctx.flags.bool('force');
    const numUnits = ctx.flags.int('num-units', 0);
    // removeunit.go Init: the model type's rules first, then --no-wait.
    const noWaitAlone = () => {
      if (ctx.flags.bool('no-wait') && !force) throw new UsageError('--no-wait without --force not valid');
    };
    return changeModel(ctx, (sim) => {
      if (sim.state.model.type === 'kubernetes') {
        // removeunit.go validateCAASRemoval.
        if (ctx.flags.bool('dry-run'))
          throw new UsageError('`--dry-run` is not supported for kubernetes units');
        if (ctx.flags.bool('destroy-storage')) throw new UsageError('k8s models only support --num-units');
        if (names.length === 0) throw new UsageError('no application specified');
        if (names.length !== 1) throw new UsageError('only single application supported');
        const [app = ''] = names;
        // The message ends with a newline in removeunit.go, so juju prints an empty line after it.
        if (UNIT_NAME.test(app))
          throw new UsageError(
            'k8s models do not support removing named units.\nInstead specify an application with --num-units.\n',
          );
        if (!APP_NAME.test(app)) throw new UsageError(`application name ${goQuote(app)} not valid`);
        if (numUnits <= 0)
          throw new UsageError('specify the number of units (> 0) to remove using --num-units');
        noWaitAlone();
        const scale = sim.scaleDown(app, numUnits, force);
        ctx.io.stderr(`scaling down to ${scale} units\n`);
        return 0;
      }
      if (numUnits !== 0) throw new UsageError('--num-units for non k8s models not valid');
      if (names.length === 0) throw new UsageError('no units specified');
      for (const n of names) if (!UNIT_NAME.test(n)) throw new UsageError(`invalid unit name ${goQuote(n)}`);
      noWaitAlone();
      let failed = false;
      const present: string[] = [];
      for (const n of names) {
        const life = sim.state.units[n]?.life;
        if (life === 'alive' || (force && life !== undefined)) present.push(n);
        else {
          failed = true;
          ctx.io.stderr(`ERROR removing unit ${n} failed: unit "${n}" does not exist\n`);
        }
      }
      if (present.length > 0) sim.removeUnit(present, force);
      for (const n of present) ctx.io.stdout(`will remove unit ${n}\n`);
      return failed ? 1 : 0;
    });
  },
};

const removeApplication: Verb = {
  name: 'remove-application',
  summary: 'Remove applications from the model.',
  usage: '<application> [<application>...]',
  modelFlag: true,
  flags: [
    { names: ['force'], kind: 'bool' },
    { names: ['no-wait'], kind: 'bool' },
    { names: ['no-prompt'], kind: 'bool' },
    { names: ['destroy-storage'], kind: 'bool' },
    { names: ['dry-run'], kind: 'bool' },
  ],
  run(ctx) {
    const apps = ctx.flags.args;
    if (apps.length === 0) throw new UsageError('no application specified');
    if (ctx.flags.bool('no-wait') && !ctx.flags.bool('force'))
      throw new UsageError('--no-wait without --force not valid');
    for (const a of apps)
      if (!APP_NAME.test(a)) throw new UsageError(`invalid application name ${goQuote(a)}`);
    return changeModel(ctx, (sim) => {
      let failed = false;
      for (const app of apps) {
        const units = [...(sim.state.applications[app]?.units ?? [])];
        try {
          sim.removeApplication(app, ctx.flags.bool('force'));
        } catch (error) {
          failed = true;
          // removeapplication.go logResult: each failure on stderr, the command then fails silently.
          const message = sim.state.applications[app]
            ? (error as Error).message
            : `application "${app}" not found`;
          ctx.io.stderr(`ERROR removing application ${app} failed: ${message}\n`);
          continue;
        }
        ctx.io.stdout(`will remove application ${app}\n`);
        for (const u of units) ctx.io.stdout(`- will remove unit ${u}\n`);
      }
      return failed ? 1 : 0;
    });
  },
};

/** The application verbs. */
export const deployVerbs: readonly Verb[] = [deploy, refresh, addUnit, removeUnit, removeApplication];
