/** `goal-state`: the units and related units this application is expected to have. */
import { checkEmpty } from '../argv.js';
import { type OutputValue, struct } from '../format.js';
import type { HookContext } from '../hook-context.js';
import { unitApp } from '../ids.js';
import { defineTool } from '../tool.js';

/** Go `2006-01-02 15:04:05Z` form of an ISO time ('' stays unset). */
export function goalTime(iso: string): string | undefined {
  if (iso === '' || Date.parse(iso) <= 0) return undefined;
  return `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

function unitEntry(ctx: HookContext, name: string): OutputValue {
  const unit = ctx.state.units[name];
  const status = !unit
    ? 'unknown'
    : unit.life !== 'alive'
      ? 'dying'
      : (unit.goalStatus ?? unit.status.status);
  return struct({ status, since: goalTime(unit?.status.since ?? '') });
}

/** The goal-state tool. */
export const goalState = defineTool<null>({
  name: 'goal-state',
  purpose: "Print the status of the charm's peers and related units.",
  output: { default: 'yaml', formats: ['json', 'yaml'] },
  init: (_ctx, parsed) => {
    checkEmpty(parsed.positionals);
    return null;
  },
  run: (ctx) => {
    const units: Record<string, OutputValue> = {};
    for (const name of ctx.app.units) units[name] = unitEntry(ctx, name);
    const relations: Record<string, Record<string, OutputValue>> = {};
    for (const relation of ctx.relations()) {
      const endpoint = ctx.endpointName(relation);
      const entry = relations[endpoint] ?? {};
      const remote = ctx.remoteAppName(relation);
      const status = relation.life === 'alive' ? 'joined' : 'broken';
      entry[remote] = struct({ status, since: undefined });
      const remoteUnits = ctx.state.applications[remote]?.units ?? [];
      for (const name of remoteUnits) if (unitApp(name) === remote) entry[name] = unitEntry(ctx, name);
      relations[endpoint] = entry;
    }
    return { value: struct({ units, relations }) };
  },
});
