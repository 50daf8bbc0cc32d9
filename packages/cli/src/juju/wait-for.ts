/**
 * `wait-for application|unit|model <name> [--query Q] [--timeout D]` (juju/juju
 * cmd/juju/waitfor/application.go, unit.go, model.go), for the simple queries the simulator can
 * answer: `field=="value"` and `field!="value"` joined by `&&` or `||`. The simulator runs the model's
 * pending hooks, then checks once: with no agents running between commands nothing else would change.
 */
import { SimError, type Simulator } from '@ops-ts/sim';
import { changeModel, type Verb } from './context.js';
import { APP_NAME } from './deploy.js';
import { checkEmpty, goQuote, parseDuration, UsageError } from './flags.js';

type Scope = Record<string, string>;

/** The default goal of each entity kind (waitfor/*.go). */
const DEFAULTS: Record<string, string> = {
  application: 'life=="alive" && status=="active"',
  unit: 'life=="alive" && workload-status=="active"',
  model: 'life=="alive" && status=="available"',
};

/** Evaluates a query of comparisons joined by `&&` (binding tighter) and `||`. */
export function evaluateQuery(query: string, scope: Scope): boolean {
  return query.split('||').some((conj) =>
    conj.split('&&').every((term) => {
      const m =
        /^\s*([a-z][a-z-]*)\s*(==|!=)\s*"([^"]*)"\s*$/.exec(term) ??
        /^\s*([a-z][a-z-]*)\s*(==|!=)\s*'([^']*)'\s*$/.exec(term);
      if (!m)
        throw new UsageError(
          `query ${JSON.stringify(query)} is not offered by the simulator (use field=="value" joined by && or ||)`,
        );
      const [, field = '', op, value] = m;
      if (!Object.hasOwn(scope, field))
        throw new UsageError(`query ${JSON.stringify(query)}: unknown field ${JSON.stringify(field)}`);
      return (scope[field] === value) === (op === '==');
    }),
  );
}

function scopeOf(sim: Simulator, kind: string, name: string): Scope | undefined {
  const status = sim.jujuStatus();
  if (kind === 'model')
    return name === sim.state.model.name ? { name, life: 'alive', status: 'available' } : undefined;
  if (kind === 'application') {
    const app = status.applications[name];
    if (!app) return undefined;
    return {
      name,
      life: app.life ?? 'alive',
      status: app['application-status'].current ?? '',
      charm: app['charm-name'],
    };
  }
  const app = status.applications[name.split('/')[0] ?? ''];
  const unit = app?.units?.[name];
  if (!unit) return undefined;
  return {
    name,
    life: sim.state.units[name]?.life ?? 'alive',
    'workload-status': unit['workload-status'].current ?? '',
    'agent-status': unit['juju-status'].current ?? '',
    leader: String(unit.leader ?? false),
  };
}

const waitFor: Verb = {
  name: 'wait-for',
  summary: 'Wait for an entity to reach a specified state.',
  usage: 'application|unit|model <name> [--query <query>] [--timeout <duration>]',
  modelFlag: true,
  flags: [
    { names: ['query'], kind: 'string' },
    { names: ['timeout'], kind: 'string' },
    { names: ['summary'], kind: 'bool' },
  ],
  run(ctx) {
    const [kind, name, ...extra] = ctx.flags.args;
    if (kind === undefined || !Object.hasOwn(DEFAULTS, kind))
      throw new UsageError(
        kind === undefined
          ? 'no entity kind specified'
          : `${JSON.stringify(kind)} is not offered by the simulator (application, unit or model)`,
      );
    // waitfor/application.go Init; unit.go and model.go follow the same pattern.
    if (name === undefined)
      throw new UsageError(
        kind === 'application'
          ? 'application name must be supplied when waiting for an application'
          : `no ${kind} name specified`,
      );
    if (kind === 'application' && extra.length > 0)
      throw new UsageError('only one application name can be supplied as an argument to this command');
    if (kind === 'application' && !APP_NAME.test(name))
      throw new UsageError(`${goQuote(name)} is not valid application name`);
    checkEmpty(extra);
    const timeout = ctx.flags.string('timeout');
    if (timeout !== undefined) parseDuration(timeout, 'timeout');
    const query = ctx.flags.string('query', DEFAULTS[kind] ?? '');
    return changeModel(ctx, (sim) => {
      const scope = scopeOf(sim, kind, name);
      if (scope && evaluateQuery(query, scope)) return 0;
      throw new SimError(`timed out waiting for ${JSON.stringify(name)} to reach goal state`);
    });
  },
};

/** The wait verbs. */
export const waitVerbs: readonly Verb[] = [waitFor];
