import { join } from 'node:path';

/** Where the charm container sees each workload container's Pebble socket. */
export const DEFAULT_PEBBLE_DIR = '/charm/containers';

/**
 * Socket path of the Pebble serving `containerName`.
 * `OPS_TS_PEBBLE_DIR` overrides the base directory; it exists for the local simulator only.
 */
export function socketPathFor(
  containerName: string,
  env: Record<string, string | undefined> = process.env,
): string {
  const base = env.OPS_TS_PEBBLE_DIR || DEFAULT_PEBBLE_DIR;
  return join(base, containerName, 'pebble.socket');
}
