/** A container's Pebble plan from the model, with secret-looking values redacted. */

import type { ModelState } from '@ops-ts/juju';
import { type Layer, mergeLayers } from '@ops-ts/pebble';
import { SimError } from '../errors.js';
import type { SimState } from '../sim-state.js';

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
    if (service.command && values.some((s) => service.command!.includes(s))) {
      service.command = values.reduce((c, s) => c.replaceAll(s, '**redacted**'), service.command);
    }
  }
  return out;
}

/** The combined plan of a unit's container as last saved (empty layers: `{}`). */
export function containerPlan(state: ModelState, sim: SimState, unit: string, container: string): Layer {
  if (!state.units[unit]) throw new SimError(`unit ${JSON.stringify(unit)} not found`);
  const snapshot = sim.pebble[unit]?.[container];
  if (!snapshot)
    throw new SimError(`unit ${JSON.stringify(unit)} has no running container ${JSON.stringify(container)}`);
  return mergeLayers(snapshot.layers);
}
