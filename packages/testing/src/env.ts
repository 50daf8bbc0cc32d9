/**
 * The hook environment of a kit run: Juju's own (packages/juju `hookEnvironment`, the one the simulator
 * uses too) plus the kit's Pebble sockets and the test's extra variables.
 */
import { type HookContext, hookEnvironment, hookLabel } from '@ops-ts/juju';

/** Settings of the environment that do not come from the hook context. */
export interface EnvSettings {
  /** The charm directory. */
  readonly charmDir: string;
  /** `JUJU_VERSION`. */
  readonly jujuVersion: string;
  /** Directory holding `<container>/pebble.socket` (`OPS_TS_PEBBLE_DIR`). */
  readonly pebbleDir?: string;
  /** Extra variables (the test's own). */
  readonly extra?: Readonly<Record<string, string>>;
}

/** The environment of the hook running in `hook`. */
export function hookEnv(hook: HookContext, settings: EnvSettings): Record<string, string> {
  // A fixed context id: one run is one hook, and runs are reproducible.
  const contextId = `${hook.options.unit}-${hookLabel(hook.options)}-0`;
  return {
    ...hookEnvironment(hook, { charmDir: settings.charmDir, contextId, jujuVersion: settings.jujuVersion }),
    ...(settings.pebbleDir ? { OPS_TS_PEBBLE_DIR: settings.pebbleDir } : {}),
    ...settings.extra,
  };
}
