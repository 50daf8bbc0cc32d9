/** Opened ports of this unit. */
import { deepFreeze } from './freeze.js';

/** An opened port: `tcp`/`udp` with a port number, or `icmp`. */
export type Port =
  | { readonly protocol: 'tcp' | 'udp'; readonly port: number }
  | { readonly protocol: 'icmp'; readonly port?: undefined };

/** A TCP port. */
export function tcpPort(port: number): Port {
  return deepFreeze({ protocol: 'tcp', port });
}

/** A UDP port. */
export function udpPort(port: number): Port {
  return deepFreeze({ protocol: 'udp', port });
}

/** ICMP. */
export function icmpPort(): Port {
  return deepFreeze({ protocol: 'icmp' });
}
