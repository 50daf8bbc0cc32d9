/** A container's Pebble plan from the model, with secret-looking values redacted. */

import type { ModelState } from '@ops-ts/juju';
import { type Layer, mergeLayers } from '@ops-ts/pebble';
import type { AgentRecords } from '../agent-records.js';
import { SimError } from '../errors.js';

const SECRET_NAME = /pass|secret|token|key|credential|cert/i;

/** Every secret value in the model (decoded), so plans and logs can be scrubbed of them. */
export function secretValues(state: ModelState): string[] {
  const out: string[] = [];
  for (const secret of Object.values(state.secrets)) {
    for (const rev of secret.revisions) {
      for (const v of Object.values(rev.content)) {
        const text = Buffer.from(v, 'base64').toString('utf8');
        if (text.length >= 4) out.push(text);
      }
    }
  }
  return out;
}

/** Replaces environment values whose name looks secret, and any secret's content, by `**redacted**`. */
export function redactPlan(plan: Layer, state: ModelState): Layer {
  const values = secretValues(state);
  const out = structuredClone(plan);
  for (const service of Object.values(out.services ?? {})) {
    for (const [k, v] of Object.entries(service.environment ?? {})) {
      const env = service.environment!;
      env[k] = SECRET_NAME.test(k) || values.some((s) => v.includes(s)) ? '**redacted**' : v;
    }
  }
  // Secret content anywhere else too: a check's URL or headers, an exec check's command, a service's command.
  return scrub(out, values) as Layer;
}

/** Every string in a JSON tree with each of `values` replaced by `**redacted**`. */
function scrub(node: unknown, values: readonly string[]): unknown {
  if (typeof node === 'string') return values.reduce((t, s) => t.replaceAll(s, '**redacted**'), node);
  if (Array.isArray(node)) return node.map((n) => scrub(n, values));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(node)) out[k] = scrub(v, values);
  return out;
}

/** The combined plan of a unit's container as last saved (empty layers: `{}`). */
export function containerPlan(state: ModelState, sim: AgentRecords, unit: string, container: string): Layer {
  if (!state.units[unit]) throw new SimError(`unit ${JSON.stringify(unit)} not found`);
  const snapshot = sim.pebble[unit]?.[container];
  if (!snapshot)
    throw new SimError(`unit ${JSON.stringify(unit)} has no running container ${JSON.stringify(container)}`);
  return mergeLayers(snapshot.layers);
}
