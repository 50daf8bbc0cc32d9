/** `open-port`, `close-port` (buffered) and `opened-ports` (committed ranges only). */
import { boolFlag, checkEmpty, stringFlag } from '../argv.js';
import { UsageError } from '../errors.js';
import type { OpenedPort } from '../state.js';
import { defineTool, type ToolSpec } from '../tool.js';

type Range = Omit<OpenedPort, 'endpoint'>;

function parsePort(text: string, whole: string): number {
  if (!/^[+-]?\d+$/.test(text)) {
    throw new UsageError(`invalid port "${whole}": strconv.Atoi: parsing "${text}": invalid syntax`);
  }
  return Number(text);
}

/** network.ParsePortRange + Validate: `80`, `80/udp`, `8000-8010/tcp`, `icmp`; Init errors. */
export function parsePortRange(input: string): Range {
  const slash = input.indexOf('/');
  const range = slash < 0 ? input : input.slice(0, slash);
  let protocol = slash < 0 ? 'tcp' : input.slice(slash + 1);
  const parts = range.split('-');
  if (parts.length > 2) throw new UsageError(`invalid port range "${range}"`);
  let from: number;
  let to: number;
  if (parts.length === 1 && parts[0] === 'icmp') {
    from = -1;
    to = -1;
    protocol = 'icmp';
  } else {
    from = parsePort(parts[0]!, range);
    to = parts.length === 2 ? parsePort(parts[1]!, range) : from;
  }
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'icmp') {
    throw new UsageError(`invalid protocol "${protocol}", expected "tcp", "udp", or "icmp"`);
  }
  if (protocol === 'icmp') {
    if (from !== -1 || to !== -1)
      throw new UsageError(`protocol "icmp" doesn't support any ports; got "${from}"`);
  } else if (from > to) {
    throw new UsageError(`invalid port range ${from}-${to}/${protocol}`);
  } else if (from < 0 || from > 65535 || to < 0 || to > 65535) {
    throw new UsageError(`port range bounds must be between 0 and 65535, got ${from}-${to}`);
  }
  return { protocol, fromPort: from, toPort: to };
}

/** Juju's text form of a range: `icmp`, `80/tcp`, `8000-8010/udp`. */
export function portRangeString(p: Range): string {
  if (p.protocol === 'icmp') return 'icmp';
  return p.fromPort === p.toPort ? `${p.fromPort}/${p.protocol}` : `${p.fromPort}-${p.toPort}/${p.protocol}`;
}

function portSpec(op: 'open' | 'close'): ToolSpec<{ range: Range; endpoints: string[]; format: string }> {
  const name = `${op}-port`;
  return {
    name,
    args: '<port>[/<protocol>] or <from>-<to>[/<protocol>] or icmp',
    purpose:
      op === 'open'
        ? 'Register a request to open a port or port range.'
        : 'Register a request to close a port.',
    flags: () => [
      { names: ['endpoints'], kind: 'string', usage: 'a comma-delimited list of application endpoints' },
      { names: ['format'], kind: 'string', usage: 'deprecated format flag' },
    ],
    init: (_ctx, parsed) => {
      const [arg, ...rest] = parsed.positionals;
      if (arg === undefined) throw new UsageError('no port or range specified');
      const range = parsePortRange(arg.toLowerCase());
      checkEmpty(rest);
      const endpoints = stringFlag(parsed, 'endpoints')
        .split(',')
        .map((e) => e.trim())
        .filter((e) => e !== '');
      return { range, endpoints, format: stringFlag(parsed, 'format') };
    },
    run: (ctx, cmd) => {
      for (const endpoint of cmd.endpoints.length > 0 ? cmd.endpoints : ['*']) {
        ctx.pending.ports.push({ op, port: { ...cmd.range, endpoint } });
      }
      return { stderr: cmd.format !== '' ? `--format flag deprecated for command "${name}"` : '' };
    },
  };
}

/** The open-port tool. */
export const openPort = defineTool(portSpec('open'));

/** The close-port tool. */
export const closePort = defineTool(portSpec('close'));

const PROTOCOL_ORDER = Object.freeze({ icmp: 0, tcp: 1, udp: 2 });

/** The opened-ports tool. */
export const openedPorts = defineTool<{ endpoints: boolean }>({
  name: 'opened-ports',
  purpose: 'List all ports or port ranges opened by the unit.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  flags: () => [
    { names: ['endpoints'], kind: 'bool', usage: 'display the list of target application endpoints' },
  ],
  init: (_ctx, parsed) => {
    checkEmpty(parsed.positionals);
    return { endpoints: boolFlag(parsed, 'endpoints') };
  },
  run: (ctx, cmd) => {
    const byRange = new Map<string, { range: Range; endpoints: Set<string> }>();
    for (const p of ctx.unit.openedPorts) {
      const key = portRangeString(p);
      const entry = byRange.get(key) ?? { range: p, endpoints: new Set<string>() };
      entry.endpoints.add(p.endpoint);
      byRange.set(key, entry);
    }
    const entries = [...byRange.values()].sort(
      (a, b) =>
        PROTOCOL_ORDER[a.range.protocol] - PROTOCOL_ORDER[b.range.protocol] ||
        a.range.fromPort - b.range.fromPort ||
        a.range.toPort - b.range.toPort,
    );
    return {
      value: entries.map(({ range, endpoints }) => {
        const text = portRangeString(range);
        if (!cmd.endpoints) return text;
        const list = endpoints.has('*') ? ['*'] : [...endpoints].sort();
        return `${text} (${list.join(', ')})`;
      }),
    };
  },
});
