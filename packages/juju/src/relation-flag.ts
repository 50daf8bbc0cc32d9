/** The `-r` / `--relation` option shared by relation tools, network-get and secret grants. */
import type { FlagDef, ParsedArgs } from './argv.js';
import type { HookContext } from './hook-context.js';

/** Parses a relation id the Juju 3.6 way: the integer after the last `:`; undefined if invalid. */
export function parseRelationId(text: string): number | undefined {
  const tail = text.slice(text.lastIndexOf(':') + 1);
  if (!/^[+-]?\d+$/.test(tail)) return undefined;
  const n = Number(tail);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The flag definition; the value is checked against the unit's relations at parse time. */
export function relationFlag(ctx: HookContext): FlagDef {
  const current = ctx.relation(ctx.defaultRelationId);
  return {
    names: ['relation', 'r'],
    kind: 'string',
    customValue: true,
    default: current ? `${ctx.endpointName(current)}:${current.id}` : '',
    usage: 'Specify a relation by id',
    validate: (value) => {
      const id = parseRelationId(value);
      if (id === undefined) return 'invalid relation id';
      return ctx.relation(id) ? undefined : 'relation not found';
    },
  };
}

/** The selected relation id: `-r` when given, else the hook's relation (the flag default), else -1. */
export function relationIdFrom(parsed: ParsedArgs): number {
  const value = parsed.flags.relation;
  return typeof value === 'string' && value !== '' ? (parseRelationId(value) ?? -1) : -1;
}
