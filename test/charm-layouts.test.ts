// Both charm layouts charmcraft reads: the unified charmcraft.yaml, and metadata.yaml / config.yaml /
// actions.yaml beside a charmcraft.yaml with `bases:`. Packed, both hold every field; the testing kit
// reads both; a field that cannot be placed is an error naming it.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZip } from '@ops-ts/archive';
import { loadProject, packCharm } from '@ops-ts/cli';
import { CharmBase } from '@ops-ts/ops';
import { Context } from '@ops-ts/testing';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const root = new URL('..', import.meta.url).pathname;

const metadata = {
  name: 'layout-check',
  summary: 'A charm whose every metadata field must survive packing.',
  description: 'Checks the layouts.\n',
  assumes: ['juju >= 3.4'],
  containers: { app: { resource: 'app-image' } },
  resources: { 'app-image': { type: 'oci-image', description: 'the image' } },
  provides: { website: { interface: 'http', limit: 1 } },
  requires: { db: { interface: 'postgresql_client', optional: true } },
  peers: { cluster: { interface: 'cluster' } },
  storage: { data: { type: 'filesystem', location: '/data' } },
  'extra-bindings': { metrics: null },
  terms: ['a-term/1'],
};
const config = {
  options: { port: { type: 'int', default: 8080, description: 'port' }, flag: { type: 'boolean' } },
};
const actions = {
  'do-it': { description: 'does it', params: { n: { type: 'integer', minimum: 1 } }, required: ['n'] },
};

/** A charm project folder with the given files (a one-line charm importing ops by path). */
function project(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-ts-layout-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(
    join(dir, 'src/charm.ts'),
    `import { CharmBase, main } from ${JSON.stringify(join(root, 'packages/ops/src/index.ts'))};\nmain(class extends CharmBase {});\n`,
  );
  for (const [name, doc] of Object.entries(files)) writeFileSync(join(dir, name), stringify(doc));
  return dir;
}

const unified = () =>
  project({
    'charmcraft.yaml': {
      ...metadata,
      type: 'charm',
      title: 'Layout Check',
      links: { contact: 'me@example.com', source: 'https://example.com/src' },
      base: 'ubuntu@24.04',
      platforms: { amd64: null },
      config,
      actions,
    },
  });
const split = () =>
  project({
    'charmcraft.yaml': { type: 'charm', bases: [{ name: 'ubuntu', channel: '22.04' }] },
    'metadata.yaml': {
      ...metadata,
      'display-name': 'Layout Check',
      maintainers: ['me@example.com'],
      source: 'https://example.com/src',
    },
    'config.yaml': config,
    'actions.yaml': actions,
  });

async function packed(dir: string): Promise<Record<string, unknown>> {
  const file = await packCharm(loadProject(dir), dir);
  const docs: Record<string, unknown> = {};
  for (const entry of readZip(readFileSync(file))) {
    if (['metadata.yaml', 'config.yaml', 'actions.yaml'].includes(entry.path))
      docs[entry.path] = parse(entry.data.toString('utf8'));
  }
  return docs;
}

describe.each([
  ['unified charmcraft.yaml', unified],
  ['split layout', split],
])('%s', (_name, make) => {
  it('packs metadata.yaml, config.yaml and actions.yaml with every field', async () => {
    const docs = await packed(make());
    expect(docs['metadata.yaml']).toEqual({
      ...metadata,
      'display-name': 'Layout Check',
      maintainers: ['me@example.com'],
      source: 'https://example.com/src',
    });
    expect(docs['config.yaml']).toEqual(config);
    expect(docs['actions.yaml']).toEqual(actions);
  }, 60_000);

  it('is what the testing kit reads', () => {
    const ctx = new Context(class extends CharmBase {}, { charmcraft: make() });
    expect(Object.keys(ctx.spec.meta.relations).sort()).toEqual(['cluster', 'db', 'website']);
    expect(Object.keys(ctx.spec.meta.config)).toEqual(['port', 'flag']);
    expect(Object.keys(ctx.spec.meta.actions)).toEqual(['do-it']);
  });
});

describe('a field that cannot be placed is an error naming it', () => {
  it.each([
    [
      'an unknown charmcraft.yaml key',
      { 'charmcraft.yaml': { name: 'x', type: 'charm', flavour: 'mint' } },
      '"flavour"',
    ],
    [
      'metadata in charmcraft.yaml beside a metadata.yaml',
      {
        'charmcraft.yaml': { type: 'charm', requires: { db: { interface: 'pg' } } },
        'metadata.yaml': { name: 'x' },
      },
      '"requires" in charmcraft.yaml',
    ],
    [
      'config in both places',
      {
        'charmcraft.yaml': { name: 'x', type: 'charm', config: { options: {} } },
        'config.yaml': { options: {} },
      },
      'both config.yaml and a `config:` key',
    ],
    [
      'an unknown links entry',
      { 'charmcraft.yaml': { name: 'x', type: 'charm', links: { chat: 'irc' } } },
      '"chat"',
    ],
    [
      'config.yaml with more than options',
      { 'charmcraft.yaml': { name: 'x', type: 'charm' }, 'config.yaml': { options: {}, extra: 1 } },
      '"extra"',
    ],
  ])('%s', (_name, files, named) => {
    const dir = project(files);
    expect(() => loadProject(dir)).toThrow(named);
    expect(() => new Context(class extends CharmBase {}, { charmcraft: dir })).toThrow(named);
  });
});
