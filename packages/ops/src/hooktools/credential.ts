import { parseSecretJson } from './parse-secret-json.js';
import type { Invoke } from './runner.js';

/** The cloud credential of a trusted application. Its attributes are secrets: never log them. */
export interface CloudCredential {
  authType: string;
  attributes: Record<string, string>;
  redacted: string[];
}

/** The cloud the model runs on, as `credential-get` reports it (ops's `CloudSpec`). */
export interface CloudSpec {
  type: string;
  name: string;
  region?: string;
  endpoint?: string;
  identityEndpoint?: string;
  storageEndpoint?: string;
  credential?: CloudCredential;
  caCertificates: string[];
  skipTlsVerify: boolean;
  isControllerCloud: boolean;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Parses `credential-get --format=json` output as ops's `CloudSpec.from_dict` does. */
export function parseCloudSpec(raw: Record<string, unknown>): CloudSpec {
  const spec: CloudSpec = {
    type: String(raw.type ?? ''),
    name: String(raw.name ?? ''),
    caCertificates: Array.isArray(raw.cacertificates) ? raw.cacertificates.map(String) : [],
    skipTlsVerify: raw['skip-tls-verify'] === true,
    isControllerCloud: raw['is-controller-cloud'] === true,
  };
  for (const [key, field] of [
    ['region', 'region'],
    ['endpoint', 'endpoint'],
    ['identity-endpoint', 'identityEndpoint'],
    ['storage-endpoint', 'storageEndpoint'],
  ] as const) {
    const v = text(raw[key]);
    if (v !== undefined) spec[field] = v;
  }
  const cred = raw.credential as Record<string, unknown> | undefined;
  if (cred && typeof cred === 'object') {
    const attrs: Record<string, string> = {};
    const rawAttrs = cred.attrs;
    if (rawAttrs && typeof rawAttrs === 'object') {
      for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = String(v);
    }
    spec.credential = {
      authType: String(cred['auth-type'] ?? ''),
      attributes: attrs,
      redacted: Array.isArray(cred.redacted) ? cred.redacted.map(String) : [],
    };
  }
  return spec;
}

/** `credential-get --format=json` → the cloud spec (needs `juju trust`). */
export function credentialGet(run: Invoke): CloudSpec {
  const out = parseSecretJson('credential-get', run('credential-get', ['--format=json']));
  return parseCloudSpec(out && typeof out === 'object' ? (out as Record<string, unknown>) : {});
}
