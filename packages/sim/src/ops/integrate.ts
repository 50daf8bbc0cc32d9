/** `integrate` and `remove-relation`: matching endpoints as Juju does, with its checks. */
import { addRelation, type Relation } from '@ops-ts/juju';
import { charmEndpoints, type EndpointSpec } from '../charm-file.js';
import type { SimContext } from '../context.js';
import { SimError } from '../errors.js';
import { enqueue } from '../hook-queue.js';
import { departHook, enterScope, relationHook, remoteUnits } from '../relations.js';
import { joinBothWays } from '../unit-lifecycle.js';

interface Side {
  app: string;
  endpoint?: string;
}

/** Parses `app` or `app:endpoint`. */
export function parseEndpointArg(text: string): Side {
  const [app = '', endpoint, ...rest] = text.split(':');
  if (app === '' || rest.length > 0 || endpoint === '')
    throw new SimError(`invalid endpoint ${JSON.stringify(text)}`);
  return endpoint === undefined ? { app } : { app, endpoint };
}

function endpointsOf(ctx: SimContext, side: Side): EndpointSpec[] {
  const app = ctx.state.applications[side.app];
  if (!app || ctx.sim.apps[side.app]?.dying)
    throw new SimError(`application ${JSON.stringify(side.app)} not found`);
  const eps = charmEndpoints(app.charm).filter((e) => e.role !== 'peer');
  if (side.endpoint === undefined) return eps;
  const ep = eps.find((e) => e.name === side.endpoint);
  if (!ep) {
    throw new SimError(
      `application ${JSON.stringify(side.app)} has no ${JSON.stringify(side.endpoint)} relation`,
    );
  }
  return [ep];
}

const label = (app: string, ep: EndpointSpec) => `${app}:${ep.name}`;

function relationsOn(ctx: SimContext, app: string, endpoint: string): Relation[] {
  return Object.values(ctx.state.relations).filter(
    (r) => r.life === 'alive' && r.endpoints.some((e) => e.app === app && e.name === endpoint),
  );
}

/** Relates two applications; returns the relation id. */
export function integrate(ctx: SimContext, aText: string, bText: string): number {
  const a = parseEndpointArg(aText);
  const b = parseEndpointArg(bText);
  if (a.app === b.app) throw new SimError(`cannot integrate ${JSON.stringify(a.app)} with itself`);
  const epsA = endpointsOf(ctx, a);
  const epsB = endpointsOf(ctx, b);
  const pairs: [EndpointSpec, EndpointSpec][] = [];
  for (const x of epsA) {
    for (const y of epsB) {
      const roles =
        (x.role === 'provider' && y.role === 'requirer') || (x.role === 'requirer' && y.role === 'provider');
      if (roles && x.interface === y.interface) pairs.push([x, y]);
    }
  }
  if (pairs.length === 0) {
    const [x] = epsA;
    const [y] = epsB;
    if (a.endpoint !== undefined && b.endpoint !== undefined && x && y) {
      const why =
        x.interface !== y.interface
          ? `interfaces differ (${JSON.stringify(x.interface)} and ${JSON.stringify(y.interface)})`
          : `both are ${x.role}s`;
      throw new SimError(`cannot integrate ${label(a.app, x)} with ${label(b.app, y)}: ${why}`);
    }
    throw new SimError(`no relations found between ${JSON.stringify(aText)} and ${JSON.stringify(bText)}`);
  }
  if (pairs.length > 1) {
    const options = pairs.map(([x, y]) => `"${label(a.app, x)} ${label(b.app, y)}"`).join(', ');
    throw new SimError(`ambiguous relation: "${aText} ${bText}" could refer to ${options}`);
  }
  const [x, y] = pairs[0]!;
  const existing = Object.values(ctx.state.relations).find(
    (r) =>
      r.life === 'alive' &&
      r.endpoints.some((e) => e.app === a.app && e.name === x.name) &&
      r.endpoints.some((e) => e.app === b.app && e.name === y.name),
  );
  if (existing) throw new SimError(`relation ${label(a.app, x)} ${label(b.app, y)} already exists`);
  for (const [app, ep] of [
    [a.app, x],
    [b.app, y],
  ] as const) {
    if (ep.limit !== null && relationsOn(ctx, app, ep.name).length >= ep.limit) {
      throw new SimError(
        `establishing a new relation for ${label(app, ep)} would exceed its maximum relation limit of ${ep.limit}`,
      );
    }
  }
  const rel = addRelation(
    ctx.state,
    { app: a.app, endpoint: x.name },
    { app: b.app, endpoint: y.name },
    {
      interface: x.interface,
      scope: [],
    },
  );
  const units = [a.app, b.app].flatMap((app) =>
    (ctx.state.applications[app]?.units ?? []).filter((u) => ctx.state.units[u]?.life === 'alive'),
  );
  for (const unit of units) {
    enterScope(ctx.state, rel, unit);
    enqueue(ctx, unit, relationHook(rel, unit, 'created'));
  }
  // Each pair once: the unit on side A joins side B's units and vice versa.
  for (const unit of units.filter((u) => u.startsWith(`${a.app}/`))) joinBothWays(ctx, rel, unit);
  return rel.id;
}

/** Finds the live relation named by two endpoint arguments (or by id). */
export function findRelation(ctx: SimContext, aText: string, bText?: string): Relation {
  if (bText === undefined && /^\d+$/.test(aText)) {
    const rel = ctx.state.relations[aText];
    if (rel?.life !== 'alive') throw new SimError(`relation ${aText} not found`);
    return rel;
  }
  if (bText === undefined) throw new SimError('remove-relation needs two endpoints or a relation id');
  const a = parseEndpointArg(aText);
  const b = parseEndpointArg(bText);
  const match = (side: Side, r: Relation) =>
    r.endpoints.some((e) => e.app === side.app && (side.endpoint === undefined || e.name === side.endpoint));
  const found = Object.values(ctx.state.relations).filter(
    (r) => r.life === 'alive' && r.kind !== 'peer' && match(a, r) && match(b, r),
  );
  if (found.length === 0) throw new SimError(`relation "${aText} ${bText}" not found`);
  if (found.length > 1) throw new SimError(`ambiguous relation "${aText} ${bText}": give the endpoints`);
  return found[0]!;
}

/** Removes a relation: departed for each remote unit, then broken, on every unit in scope. */
export function removeRelation(ctx: SimContext, rel: Relation): void {
  rel.life = 'dying';
  for (const unit of rel.scope) {
    const agent = ctx.sim.units[unit];
    // Waiting news about this relation is moot now.
    if (agent) {
      agent.queue = agent.queue.filter(
        (q, i) =>
          (i === 0 && (agent.error || agent.running)) ||
          q.relationId !== rel.id ||
          !/-(joined|changed)$/.test(q.hookName ?? ''),
      );
    }
    for (const remote of remoteUnits(rel, unit)) enqueue(ctx, unit, departHook(rel, unit, remote, remote));
    enqueue(ctx, unit, relationHook(rel, unit, 'broken'));
  }
}
