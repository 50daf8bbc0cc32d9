/** Network bindings (`network-get`). */
import { deepFreeze } from './freeze.js';

/** The addresses of one binding (an endpoint or extra-binding). */
export interface Network {
  /** Binding name. */
  readonly binding: string;
  /** Address the unit binds to (default 192.0.2.0). */
  readonly bindAddress: string;
  /** Interface name (default `eth0`). */
  readonly interfaceName: string;
  /** CIDR of the bind address's subnet (default `<address>/24`). */
  readonly cidr: string;
  /** Ingress addresses (default: the bind address). */
  readonly ingressAddresses: readonly string[];
  /** Egress subnets (default: the CIDR). */
  readonly egressSubnets: readonly string[];
}

/** A binding's network (defaults: TEST-NET-1 addresses, as Scenario). */
export function network(init: Partial<Network> & { readonly binding: string }): Network {
  const bindAddress = init.bindAddress ?? '192.0.2.0';
  const cidr = init.cidr ?? `${bindAddress}/24`;
  return deepFreeze({
    ...init,
    bindAddress,
    interfaceName: init.interfaceName ?? 'eth0',
    cidr,
    ingressAddresses: [...(init.ingressAddresses ?? [bindAddress])],
    egressSubnets: [...(init.egressSubnets ?? [cidr])],
  });
}
