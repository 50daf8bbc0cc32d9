/** `config`: read and change an application's settings; a change queues config-changed on its units. */
import type { JsonValue } from '@ops-ts/juju';
import { checkConfig } from '../config-values.js';
import type { SimContext } from '../context.js';
import { SimError } from '../errors.js';
import { enqueue } from '../hook-queue.js';

/** One option as `juju config <app>` shows it. */
export interface ConfigSetting {
  /** Option type. */
  type: string;
  /** Description from config.yaml. */
  description: string;
  /** `default` or `user`. */
  source: 'default' | 'user' | 'unset';
  /** Effective value (null when unset and without default). */
  value: JsonValue;
  /** The charm's default, if any. */
  default?: JsonValue;
}

function app(ctx: SimContext, name: string) {
  const application = ctx.state.applications[name];
  if (!application || ctx.sim.apps[name]?.dying)
    throw new SimError(`application ${JSON.stringify(name)} not found`);
  return application;
}

/** The application's settings with their source, as `juju config <app>` lists them. */
export function getConfig(ctx: SimContext, name: string): Record<string, ConfigSetting> {
  const application = app(ctx, name);
  const out: Record<string, ConfigSetting> = Object.create(null);
  for (const [key, option] of Object.entries(application.charm.config).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const user = Object.hasOwn(application.config, key);
    const value = user ? (application.config[key] ?? null) : (option.default ?? null);
    out[key] = {
      type: option.type,
      description: option.description ?? '',
      source: user ? 'user' : option.default !== undefined ? 'default' : 'unset',
      value,
      ...(option.default !== undefined ? { default: option.default } : {}),
    };
  }
  return out;
}

/** Sets (and resets) settings; returns whether anything changed (then config-changed is queued). */
export function setConfig(
  ctx: SimContext,
  name: string,
  settings: Record<string, string | JsonValue>,
  reset: readonly string[] = [],
): boolean {
  const application = app(ctx, name);
  const values = checkConfig(application.charm.config, settings);
  for (const key of reset) {
    if (!Object.hasOwn(application.charm.config, key))
      throw new SimError(`unknown option ${JSON.stringify(key)}`);
  }
  const before = JSON.stringify(getConfig(ctx, name));
  for (const key of reset) delete application.config[key];
  // Defined, not assigned: a key named `__proto__` is a setting, not the object's prototype.
  for (const [key, value] of Object.entries(values)) {
    Object.defineProperty(application.config, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  if (JSON.stringify(getConfig(ctx, name)) === before) return false;
  for (const unit of application.units) {
    if (ctx.state.units[unit]?.life === 'alive') enqueue(ctx, unit, { unit, hookName: 'config-changed' });
  }
  return true;
}

/**
 * `juju trust <app> [--remove]`: grants or removes access to the cloud credential (`credential-get`);
 * trust is application config in juju, so a change queues config-changed. Returns whether it changed.
 */
export function setTrust(ctx: SimContext, name: string, trust: boolean): boolean {
  const application = app(ctx, name);
  if (application.trust === trust) return false;
  application.trust = trust;
  for (const unit of application.units) {
    if (ctx.state.units[unit]?.life === 'alive') enqueue(ctx, unit, { unit, hookName: 'config-changed' });
  }
  return true;
}
