/** `opened-ports`: the committed ranges only. */
import { boolFlag, checkEmpty } from '../argv.js';
import { defineTool } from '../tool.js';
import type { Range } from './ports-common.js';

/** Juju's text form of a range: `icmp`, `80/tcp`, `8000-8010/udp`. */
export function portRangeString(p: Range): string {
  if (p.protocol === 'icmp') return 'icmp';
  return p.fromPort === p.toPort ? `${p.fromPort}/${p.protocol}` : `${p.fromPort}-${p.toPort}/${p.protocol}`;
}

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
