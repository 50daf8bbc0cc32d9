// A local npm registry for tests: serves the @ops-ts tarballs packed from this workspace as npm's
// registry API does (a packument per package at /<name>, tarballs with their sha512 integrity), so
// `npm install` resolves `@ops-ts/*` ranges exactly as it will from registry.npmjs.org once published.
// Point only the scope at it (`@ops-ts:registry=<url>` in .npmrc); other packages come from npm.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';

/** A running registry: its URL and how to stop it. */
export interface LocalRegistry {
  /** Base URL, ending in `/`. */
  readonly url: string;
  /** Stops serving. */
  close(): Promise<void>;
}

interface Version {
  manifest: Record<string, unknown>;
  file: string;
}

/** Serves `tarballs` (files made by `pnpm pack`) until closed. */
export async function startRegistry(tarballs: readonly string[]): Promise<LocalRegistry> {
  const byName = new Map<string, Version[]>();
  for (const file of tarballs) {
    const manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' }),
    );
    const list = byName.get(manifest.name) ?? [];
    list.push({ manifest, file });
    byName.set(manifest.name, list);
  }
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const host = `http://${req.headers.host}`;
    if (path.startsWith('/-/tarballs/')) {
      const name = basename(path);
      const found = [...byName.values()].flat().find((v) => basename(v.file) === name);
      if (!found) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end(readFileSync(found.file));
    }
    const versions = byName.get(path.slice(1));
    if (!versions) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: 'not found' }));
    }
    const doc = {
      name: path.slice(1),
      'dist-tags': { latest: versions.at(-1)?.manifest.version },
      versions: Object.fromEntries(
        versions.map(({ manifest, file }) => {
          const bytes = readFileSync(file);
          const integrity = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
          const shasum = createHash('sha1').update(bytes).digest('hex');
          const tarball = `${host}/-/tarballs/${basename(file)}`;
          return [manifest.version, { ...manifest, dist: { tarball, integrity, shasum } }];
        }),
      ),
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(doc));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
