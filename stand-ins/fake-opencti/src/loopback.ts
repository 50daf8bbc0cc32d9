/** The fake refuses to listen anywhere but on loopback: it is a test stand-in with a known token. */
export class NotLoopbackError extends Error {
  override name = 'NotLoopbackError';
}

/** Whether `host` is a loopback address or name. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
