/** What the `open-port`, `close-port`, `opened-ports` tools share. */
import { checkEmpty, stringFlag } from '../argv.js';
import { UsageError } from '../errors.js';
import type { OpenedPort } from '../state.js';
import type { ToolSpec } from '../tool.js';

/** A port range without its endpoint. */
export type Range = Omit<OpenedPort, 'endpoint'>;

/** One port number of a range argument, with Juju's strconv error. */
export function parsePort(text: string, whole: string): number {
  if (!/^[+-]?\d+$/.test(text)) {
    throw new UsageError(`invalid port "${whole}": strconv.Atoi: parsing "${text}": invalid syntax`);
  }
  return Number(text);
}

/** network.ParsePortRange + Validate: `80`, `80/udp`, `8000-8010/tcp`, `icmp`; Init errors. */
/** `80`, `80-90/udp` or `icmp` as Juju's network.ParsePortRange reads them. */
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

/** The spec of `open-port` or `close-port` (they differ only in the verb). */
export function portSpec(
  op: 'open' | 'close',
): ToolSpec<{ range: Range; endpoints: string[]; format: string }> {
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
