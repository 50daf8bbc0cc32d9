/** `network-get [options] <binding-name>`: addresses of a binding. */
import { boolFlag, checkEmpty, stringFlag } from '../argv.js';
import { makeNetwork } from '../builders.js';
import { RunError, UsageError } from '../errors.js';
import { type OutputValue, struct } from '../format.js';
import type { HookContext } from '../hook-context.js';
import { isObject } from '../json.js';
import { relationFlag } from '../relation-flag.js';
import type { NetworkInfo } from '../state.js';
import { defineTool } from '../tool.js';

interface NetworkGet {
  binding: string;
  keys: string[];
  primary: boolean;
  json: boolean;
}

/** Binding names of the unit's charm: endpoints, extra-bindings and `juju-info`. */
export function bindingNames(ctx: HookContext): string[] {
  const md = ctx.app.charm.metadata;
  const names = ['juju-info'];
  for (const section of ['provides', 'requires', 'peers', 'extra-bindings']) {
    const value = md[section];
    if (isObject(value)) names.push(...Object.keys(value));
  }
  return names;
}

function display(info: NetworkInfo, json: boolean): OutputValue {
  // yaml keeps legacy duplicate keys (macaddress, interfacename, address) for old agents.
  const interfaces = info.bindAddresses.map((nic) =>
    struct({
      'mac-address': nic.macAddress,
      'interface-name': nic.interfaceName,
      addresses: nic.addresses.map((a) =>
        struct({ hostname: a.hostname, value: a.value, cidr: a.cidr, address: json ? undefined : a.value }),
      ),
      macaddress: json ? undefined : nic.macAddress,
      interfacename: json ? undefined : nic.interfaceName,
    }),
  );
  return struct({
    'bind-addresses': interfaces.length > 0 ? interfaces : undefined,
    'egress-subnets': info.egressSubnets.length > 0 ? [...info.egressSubnets] : undefined,
    'ingress-addresses': info.ingressAddresses.length > 0 ? [...info.ingressAddresses] : undefined,
  });
}

/** The network-get tool. */
export const networkGet = defineTool<NetworkGet>({
  name: 'network-get',
  args: '<binding-name> [--ingress-address] [--bind-address] [--egress-subnets]',
  purpose: 'get network config',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  flags: (ctx) => [
    {
      names: ['primary-address'],
      kind: 'bool',
      usage: '(deprecated) get the primary address for the binding',
    },
    {
      names: ['bind-address'],
      kind: 'bool',
      usage: 'get the address for the binding on which the unit should listen',
    },
    { names: ['ingress-address'], kind: 'bool', usage: 'get the ingress address for the binding' },
    { names: ['egress-subnets'], kind: 'bool', usage: 'get the egress subnets for the binding' },
    relationFlag(ctx),
  ],
  init: (_ctx, parsed) => {
    const [binding, ...rest] = parsed.positionals;
    if (binding === undefined) throw new UsageError('no arguments specified');
    if (binding === '') throw new UsageError('no binding name specified');
    const keys: string[] = [];
    if (boolFlag(parsed, 'bind-address')) keys.push('bind-address');
    if (boolFlag(parsed, 'ingress-address')) keys.push('ingress-address');
    if (boolFlag(parsed, 'egress-subnets')) keys.push('egress-subnets');
    checkEmpty(rest);
    return {
      binding,
      keys,
      primary: boolFlag(parsed, 'primary-address'),
      json: stringFlag(parsed, 'format') === 'json',
    };
  },
  run: (ctx, cmd) => {
    const unit = ctx.unit;
    const known = cmd.binding in unit.networks || bindingNames(ctx).includes(cmd.binding);
    const info = unit.networks[cmd.binding] ?? makeNetwork(unit.privateAddress);
    if (!known || info.bindAddresses.length === 0) {
      throw new RunError(`no network config found for binding "${cmd.binding}"`);
    }
    const first = info.bindAddresses[0]?.addresses[0]?.value;
    if (!cmd.primary && cmd.keys.length === 0) return { value: display(info, cmd.json) };
    if (cmd.primary) {
      if (cmd.keys.length > 0) throw new RunError('--primary-address must be the only flag specified');
      if (first === undefined)
        throw new RunError(`no addresses attached to space for binding "${cmd.binding}"`);
      return { value: first };
    }
    const values: Record<string, OutputValue> = {};
    if (cmd.keys.includes('egress-subnets')) values['egress-subnets'] = [...info.egressSubnets];
    if (cmd.keys.includes('ingress-address')) {
      const ingress = info.ingressAddresses[0] ?? first;
      if (ingress === undefined)
        throw new RunError(`no addresses attached to space for binding "${cmd.binding}"`);
      values['ingress-address'] = ingress;
    }
    if (cmd.keys.includes('bind-address')) values['bind-address'] = first ?? '';
    if (cmd.keys.length === 1) return { value: values[cmd.keys[0]!] };
    return { value: values };
  },
});
