import type { ModelBackend } from '../backend/backend.js';
import { RelationNotFoundError } from '../backend/errors.js';
import type { NetworkInfo } from '../hooktools/network.js';
import { type IPAddress, type IPNetwork, parseAddress, parseNetwork } from './ip.js';

/** One address on an interface (an interface with several addresses appears once per address, as in ops). */
export interface NetworkInterface {
  /** The interface name, e.g. `eth0`. */
  readonly name: string;
  /** The address; undefined if Juju gave none. */
  readonly address: IPAddress | string | undefined;
  /** The subnet (from the CIDR, else the address as /32 or /128). */
  readonly subnet: IPNetwork | undefined;
}

/** A binding's network as `network-get` reports it. */
export class Network {
  /** Every bound address, one entry per address. */
  readonly interfaces: readonly NetworkInterface[];
  /** Addresses other units should use to reach this one (IPs, or hostnames). */
  readonly ingressAddresses: readonly (IPAddress | string)[];
  /** Subnets this unit's traffic comes from. */
  readonly egressSubnets: readonly IPNetwork[];

  constructor(info: NetworkInfo) {
    const interfaces: NetworkInterface[] = [];
    for (const bind of info.bindAddresses) {
      for (const a of bind.addresses) {
        const address = a.value ? parseAddress(a.value) : undefined;
        const subnet = a.cidr ? parseNetwork(a.cidr) : a.value ? parseNetwork(a.value) : undefined;
        interfaces.push({ name: bind.interfaceName, address, subnet });
      }
    }
    this.interfaces = interfaces;
    this.ingressAddresses = info.ingressAddresses.map(parseAddress);
    this.egressSubnets = info.egressSubnets.map(parseNetwork).filter((n) => n !== undefined);
  }

  /** The address the unit's workload should listen on: the first interface's. */
  get bindAddress(): IPAddress | string | undefined {
    return this.interfaces[0]?.address;
  }

  /** The first ingress address. */
  get ingressAddress(): IPAddress | string | undefined {
    return this.ingressAddresses[0];
  }
}

/** A binding (endpoint or extra binding), optionally seen through one relation. */
export class Binding {
  #network: Network | undefined;

  constructor(
    /** The binding (endpoint) name. */
    readonly name: string,
    /** The relation id, when the binding was looked up through a relation. */
    readonly relationId: number | undefined,
    private readonly backend: ModelBackend,
  ) {}

  /**
   * The network of this binding (one `network-get`, cached). For a relation that no longer exists, ops
   * falls back to the endpoint's own binding, and so does this.
   */
  get network(): Network {
    if (!this.#network) {
      let info: NetworkInfo;
      try {
        info = this.backend.networkGet(this.name, this.relationId);
      } catch (error) {
        if (!(error instanceof RelationNotFoundError) || this.relationId === undefined) throw error;
        info = this.backend.networkGet(this.name);
      }
      this.#network = new Network(info);
    }
    return this.#network;
  }
}
