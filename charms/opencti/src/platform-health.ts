// Whether OpenCTI answers its health check (upstream `_is_platform_healthy`: a GET with a 5 s timeout,
// healthy on any 2xx). The URL carries the health access key, so it is never logged or put in an error.

/** Seconds upstream waits for `/health`. */
const HEALTH_TIMEOUT_MS = 5_000;

/** True when `GET url` answers 2xx within the timeout; false on any error, never throws. */
export async function isPlatformHealthy(url: string, fetchImpl: typeof fetch = fetch): Promise<boolean> {
  try {
    const response = await fetchImpl(url, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
    // Drain the body so the connection is released before the hook ends.
    await response.arrayBuffer().catch(() => undefined);
    return response.ok;
  } catch {
    return false;
  }
}
