import type { ModelBackend } from '../backend/backend.js';

/** The protocols Juju can open. */
export type PortProtocol = 'tcp' | 'udp' | 'icmp';

/** An opened (or to-be-opened) port: a TCP/UDP port number, or ICMP (no port). */
export interface Port {
  readonly protocol: PortProtocol;
  readonly port?: number;
}

/** How a port may be given: a Port, a TCP port number, or text such as `8080`, `53/udp`, `icmp`. */
export type PortSpec = Port | number | string;

/** A port Juju would refuse; raised before any tool runs and naming the offending value. */
export class InvalidPortError extends RangeError {
  override name = 'InvalidPortError';
}

const PROTOCOLS: readonly string[] = ['tcp', 'udp', 'icmp'];

function checkedPort(protocol: string, port: number | undefined, shown: string): Port {
  const proto = protocol.toLowerCase();
  if (!PROTOCOLS.includes(proto)) {
    throw new InvalidPortError(
      `invalid port ${shown}: invalid protocol ${JSON.stringify(protocol)}, expected "tcp", "udp", or "icmp"`,
    );
  }
  if (proto === 'icmp') {
    if (port !== undefined) {
      throw new InvalidPortError(`invalid port ${shown}: protocol "icmp" doesn't support any ports`);
    }
    return { protocol: 'icmp' };
  }
  // Juju's bounds (network.PortRange.Validate): 0–65535.
  if (port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidPortError(
      `invalid port ${shown}: a ${proto} port must be an integer between 0 and 65535`,
    );
  }
  return { protocol: proto as 'tcp' | 'udp', port };
}

/** Parses and checks a port given as a Port, a number (TCP) or text (`8080`, `53/udp`, `icmp`). */
export function toPort(spec: PortSpec): Port {
  if (typeof spec === 'number') return checkedPort('tcp', spec, String(spec));
  if (typeof spec === 'string') {
    const text = spec.trim();
    const shown = JSON.stringify(spec);
    if (text.toLowerCase() === 'icmp') return { protocol: 'icmp' };
    const [num, proto, ...rest] = text.split('/');
    if (rest.length > 0 || !num || !/^\d+$/.test(num)) {
      throw new InvalidPortError(`invalid port ${shown}: expected <port>[/<protocol>] or icmp`);
    }
    return checkedPort(proto ?? 'tcp', Number(num), shown);
  }
  if (!spec || typeof spec !== 'object') {
    throw new InvalidPortError(`invalid port ${JSON.stringify(spec)}: expected a Port, a number or text`);
  }
  return checkedPort(String(spec.protocol), spec.port, JSON.stringify(spec));
}

/** A stable key for comparing ports (`80/tcp`, `icmp`), as Juju prints them. */
export function portKey(p: Port): string {
  return p.port === undefined ? p.protocol : `${p.port}/${p.protocol}`;
}

/** The opened ports as ops reports them: ranges give their first port (with a warning), unknown protocols are skipped. */
export function readOpenedPorts(backend: ModelBackend): Port[] {
  const ports: Port[] = [];
  for (const entry of backend.openedPorts()) {
    if (entry.protocol === 'icmp' && entry.from === undefined) {
      ports.push({ protocol: 'icmp' });
      continue;
    }
    if ((entry.protocol !== 'tcp' && entry.protocol !== 'udp') || entry.from === undefined) {
      backend.jujuLog('WARNING', `Unexpected opened-ports protocol: ${entry.text}`);
      continue;
    }
    if (entry.to !== entry.from)
      backend.jujuLog('WARNING', `Ignoring opened-ports port range: ${entry.text}`);
    ports.push({ protocol: entry.protocol, port: entry.from });
  }
  return ports;
}

/**
 * Makes exactly `wanted` the opened ports: validates them all first, then closes what is open but not
 * wanted and opens what is wanted but not open (ops's `set_ports`); unchanged ports cost no call.
 */
export function setPorts(backend: ModelBackend, wanted: readonly PortSpec[]): void {
  const desired = new Map(wanted.map(toPort).map((p) => [portKey(p), p]));
  const existing = new Map(readOpenedPorts(backend).map((p) => [portKey(p), p]));
  for (const [key, p] of existing) if (!desired.has(key)) backend.closePort(p.protocol, p.port);
  for (const [key, p] of desired) if (!existing.has(key)) backend.openPort(p.protocol, p.port);
}
