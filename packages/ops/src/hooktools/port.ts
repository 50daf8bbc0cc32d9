import { type Invoke, parseJson } from './runner.js';

/** One entry of `opened-ports`, as parsed: `80/tcp`, `8000-8010/udp` or `icmp`. */
export interface OpenedPortEntry {
  /** The entry as Juju printed it. */
  text: string;
  /** The protocol as printed (possibly one this library does not know). */
  protocol: string;
  /** First port of the range; absent for icmp. */
  from?: number;
  /** Last port of the range (equal to `from` for a single port). */
  to?: number;
}

/** The tool argument for a port: `icmp`, `<n>/<proto>` or `<from>-<to>/<proto>`. */
export function portArg(protocol: string, port?: number, toPort?: number): string {
  if (port === undefined) return protocol;
  return toPort === undefined || toPort === port ? `${port}/${protocol}` : `${port}-${toPort}/${protocol}`;
}

/** `open-port <n>/<proto>` (or `icmp`, or a range on machines). */
export function openPort(run: Invoke, protocol: string, port?: number, toPort?: number): void {
  run('open-port', [portArg(protocol, port, toPort)]);
}

/** `close-port <n>/<proto>` (or `icmp`, or a range on machines). */
export function closePort(run: Invoke, protocol: string, port?: number, toPort?: number): void {
  run('close-port', [portArg(protocol, port, toPort)]);
}

/** Parses one `opened-ports` entry; unparsable entries keep only their text and protocol. */
export function parseOpenedPort(text: string): OpenedPortEntry {
  const slash = text.indexOf('/');
  if (slash < 0) return { text, protocol: text };
  const protocol = text.slice(slash + 1);
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.slice(0, slash));
  if (!m?.[1]) return { text, protocol };
  const from = Number(m[1]);
  return { text, protocol, from, to: m[2] === undefined ? from : Number(m[2]) };
}

/** `opened-ports --format=json` → the committed port ranges of this unit (pending changes not shown). */
export function openedPorts(run: Invoke): OpenedPortEntry[] {
  const out = parseJson('opened-ports', run('opened-ports', ['--format=json']));
  return Array.isArray(out) ? out.map((e) => parseOpenedPort(String(e))) : [];
}
