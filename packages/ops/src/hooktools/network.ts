import { type Invoke, parseJson } from './runner.js';

/** One address of a bound interface. */
export interface NetworkAddressInfo {
  /** The address (Juju < 2.9 called it `address`; read either). */
  value?: string;
  hostname?: string;
  cidr?: string;
}

/** One interface the binding is bound to. */
export interface BindAddressInfo {
  interfaceName: string;
  macAddress?: string;
  addresses: NetworkAddressInfo[];
}

/** `network-get --format=json` as parsed: each top-level list empty when Juju omitted it. */
export interface NetworkInfo {
  bindAddresses: BindAddressInfo[];
  ingressAddresses: string[];
  egressSubnets: string[];
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function optText(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** `network-get --format=json [-r <id>] <binding>` (plain numeric relation id, as ops passes it). */
export function networkGet(run: Invoke, binding: string, relationId?: number): NetworkInfo {
  const args = ['--format=json'];
  if (relationId !== undefined) args.push('-r', String(relationId));
  args.push(binding);
  const out = (parseJson('network-get', run('network-get', args)) ?? {}) as Record<string, unknown>;
  return {
    bindAddresses: list(out['bind-addresses']).map((raw) => {
      const b = (raw ?? {}) as Record<string, unknown>;
      const mac = optText(b['mac-address']);
      return {
        interfaceName: String(b['interface-name'] ?? ''),
        ...(mac ? { macAddress: mac } : {}),
        addresses: list(b.addresses).map((a) => {
          const r = (a ?? {}) as Record<string, unknown>;
          const value = optText(r.value) ?? optText(r.address);
          const hostname = optText(r.hostname);
          const cidr = optText(r.cidr);
          return {
            ...(value ? { value } : {}),
            ...(hostname ? { hostname } : {}),
            ...(cidr ? { cidr } : {}),
          };
        }),
      };
    }),
    ingressAddresses: list(out['ingress-addresses']).map(String),
    egressSubnets: list(out['egress-subnets']).map(String),
  };
}
