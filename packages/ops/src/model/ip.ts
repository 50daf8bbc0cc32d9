import { isIP } from 'node:net';

/** An IPv4 or IPv6 address as Juju reported it. */
export class IPAddress {
  constructor(
    /** The address text. */
    readonly address: string,
    /** 4 or 6. */
    readonly version: 4 | 6,
  ) {}

  toString(): string {
    return this.address;
  }
}

/** A subnet in CIDR notation (`10.0.0.0/24`). */
export class IPNetwork {
  constructor(
    /** The network address part. */
    readonly address: string,
    /** The prefix length. */
    readonly prefixLength: number,
    /** 4 or 6. */
    readonly version: 4 | 6,
  ) {}

  toString(): string {
    return `${this.address}/${this.prefixLength}`;
  }
}

/** An IP address when the text is one, else the text (ingress addresses may be hostnames), as ops casts them. */
export function parseAddress(text: string): IPAddress | string {
  const v = isIP(text);
  return v === 4 || v === 6 ? new IPAddress(text, v) : text;
}

/** A CIDR subnet; a bare address becomes a /32 or /128 network. Undefined when the text is neither. */
export function parseNetwork(text: string): IPNetwork | undefined {
  const [addr = '', prefixText] = text.split('/');
  const v = isIP(addr);
  if (v !== 4 && v !== 6) return undefined;
  const max = v === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || prefixText === '') return undefined;
  return new IPNetwork(addr, prefix, v);
}
