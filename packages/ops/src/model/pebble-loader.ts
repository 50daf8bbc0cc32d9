import type * as Pebble from '@ops-ts/pebble';

/** The `@ops-ts/pebble` module, as `loadPebble` resolves it. */
export type PebbleModule = typeof Pebble;

/** Set by `ops-ts build` through esbuild `define`; unset when running unbundled. */
interface BuildDefines {
  __OPS_TS_NO_PEBBLE__?: boolean;
}

/**
 * Loads the Pebble client on first use. Every hook is a new process and the client pulls in `ws`, `yaml`
 * and http, so it is imported only when a container is actually used. `ops-ts build` defines the flag for
 * charms without containers; the literal `if` lets the bundler drop the client from their bundle.
 */
export function loadPebble(): Promise<PebbleModule> {
  if ((globalThis as BuildDefines).__OPS_TS_NO_PEBBLE__) {
    return Promise.reject(new Error('this charm declares no containers: its bundle has no Pebble client'));
  } else {
    return import('@ops-ts/pebble');
  }
}
