/** Identifier helpers: secret xids and URIs, Juju entity-name validation. */
import { randomBytes } from 'node:crypto';

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** A new secret xid: 12 random bytes as 20 lowercase base32hex characters (like rs/xid). */
export function newSecretId(): string {
  const bytes = randomBytes(12);
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32HEX[(acc << (5 - bits)) & 31];
  return out.slice(0, 20);
}

const XID_RE = /^[0-9a-z]{20}$/;

/** Parses `secret:<xid>`, `secret://<model-uuid>/<xid>` or a bare xid; undefined when invalid. */
export function parseSecretUri(text: string): string | undefined {
  let rest = text;
  if (rest.startsWith('secret://')) {
    const slash = rest.indexOf('/', 'secret://'.length);
    if (slash < 0) return undefined;
    rest = rest.slice(slash + 1);
  } else if (rest.startsWith('secret:')) {
    rest = rest.slice('secret:'.length);
  }
  return XID_RE.test(rest) ? rest : undefined;
}

/** The printed form of a secret id. */
export function secretUri(xid: string): string {
  return `secret:${xid}`;
}

const APP_RE = /^[a-z][a-z0-9]*(?:-[a-z0-9]*[a-z][a-z0-9]*)*$/;

/** names.IsValidApplication. */
export function isValidApplicationName(name: string): boolean {
  return APP_RE.test(name);
}

/** names.IsValidUnit (`app/N`). */
export function isValidUnitName(name: string): boolean {
  const slash = name.lastIndexOf('/');
  if (slash < 0) return false;
  return isValidApplicationName(name.slice(0, slash)) && /^(?:0|[1-9][0-9]*)$/.test(name.slice(slash + 1));
}

/** The application part of a unit name. */
export function unitApp(unit: string): string {
  const slash = unit.lastIndexOf('/');
  return slash < 0 ? unit : unit.slice(0, slash);
}

/** Juju tag of a unit (`unit-app-0`) or application (`application-app`). */
export function entityTag(name: string): string {
  return name.includes('/') ? `unit-${name.replace('/', '-')}` : `application-${name}`;
}
