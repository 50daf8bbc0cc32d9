import type { Change } from './api-types.js';
import { toChange } from './decode.js';
import { formatTimeout } from './duration.js';
import { APIError, TimeoutError } from './errors.js';
import type { JsonRequest, PebbleResponse } from './json-request.js';

/** What waitChange needs from a client. */
export interface ChangeWaiter {
  readonly timeout: number;
  request(req: Omit<JsonRequest, 'timeout'>): Promise<PebbleResponse>;
  getChange(id: string): Promise<Change>;
}

// Marks "server has no /wait endpoint" so we fall back to polling.
class NoWaitEndpoint extends Error {}
// Marks "this slice of waiting ended without the change being ready".
class SliceTimeout extends Error {}

const sleep = (seconds: number): Promise<void> => new Promise((r) => setTimeout(r, seconds * 1000));

async function waitSlice(client: ChangeWaiter, id: string, seconds: number): Promise<Change> {
  const path = `/v1/changes/${id}/wait`;
  try {
    const resp = await client.request({ method: 'GET', path, query: { timeout: formatTimeout(seconds) } });
    return toChange(resp.result, `GET ${path}`);
  } catch (e) {
    if (e instanceof APIError && e.code === 404) throw new NoWaitEndpoint();
    if (e instanceof APIError && e.code === 504) throw new SliceTimeout();
    throw e;
  }
}

function timedOut(id: string, timeout: number | null): TimeoutError {
  return new TimeoutError(`timed out waiting for change ${id} (${timeout} seconds)`);
}

/**
 * Wait until change `id` is ready, using `/wait` in slices of max(client timeout - 1, 1) seconds
 * (so each request ends before the socket timeout), falling back to polling on 404 as ops does.
 * `timeout` null waits forever.
 */
export async function waitChange(
  client: ChangeWaiter,
  id: string,
  timeout: number | null,
  delay: number,
): Promise<Change> {
  const deadline = timeout === null ? Number.POSITIVE_INFINITY : Date.now() + timeout * 1000;
  try {
    for (;;) {
      let slice = Math.max(client.timeout - 1, 1);
      const remaining = (deadline - Date.now()) / 1000;
      if (remaining <= 0) break;
      slice = Math.min(slice, remaining);
      try {
        return await waitSlice(client, id, slice);
      } catch (e) {
        if (!(e instanceof SliceTimeout)) throw e;
      }
    }
  } catch (e) {
    if (!(e instanceof NoWaitEndpoint)) throw e;
    while (Date.now() < deadline) {
      const change = await client.getChange(id);
      if (change.ready) return change;
      await sleep(delay);
    }
  }
  throw timedOut(id, timeout);
}
