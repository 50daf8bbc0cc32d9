// A hook that fails logs a traceback that names the TypeScript source lines (mapped through the external
// lib/charm.cjs.map, read only then) and the error's cause chain.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractZip } from '@ops-ts/archive';
import { loadProject, packCharm } from '@ops-ts/cli';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

const root = new URL('..', import.meta.url).pathname;

describe('tracebacks of a failed hook', () => {
  it('name src/*.ts lines and print the cause chain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'traceback-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'charmcraft.yaml'),
      stringify({ name: 'failing', type: 'charm', summary: 's', description: 'd' }),
    );
    writeFileSync(
      join(dir, 'src/charm.ts'),
      [
        `import { CharmBase, type Framework, main } from ${JSON.stringify(join(root, 'packages/ops/src/index.ts'))};`,
        'class Failing extends CharmBase {',
        '  constructor(framework: Framework) {',
        '    super(framework);',
        '    this.observe(this.on.install, this.onInstall);',
        '  }',
        '  onInstall(): void {',
        "    throw new Error('could not configure', { cause: new TypeError('port is not a number') });",
        '  }',
        '}',
        'main(Failing);',
        '',
      ].join('\n'),
    );
    const file = await packCharm(loadProject(dir), dir);
    const charmDir = join(dir, 'charm');
    extractZip(readFileSync(file), charmDir);
    const tools = join(dir, 'tools');
    mkdirSync(tools);
    const log = join(dir, 'juju-log.txt');
    writeFileSync(join(tools, 'juju-log'), `#!/bin/sh\nprintf '%s\\n' "$*" >> ${JSON.stringify(log)}\n`);
    writeFileSync(join(tools, 'is-leader'), '#!/bin/sh\necho false\n');
    for (const t of ['juju-log', 'is-leader']) chmodSync(join(tools, t), 0o755);
    const run = spawnSync(join(charmDir, 'dispatch'), [], {
      cwd: charmDir,
      encoding: 'utf8',
      env: {
        PATH: `${tools}:${process.env.PATH}`,
        JUJU_DISPATCH_PATH: 'hooks/install',
        JUJU_UNIT_NAME: 'failing/0',
        JUJU_MODEL_NAME: 'm',
        JUJU_MODEL_UUID: '00000000-0000-4000-8000-000000000000',
        JUJU_VERSION: '3.6.8',
        JUJU_CHARM_DIR: charmDir,
      },
    });
    expect(run.status).toBe(1);
    const logged = readFileSync(log, 'utf8');
    expect(logged).toContain('Error: could not configure');
    // The throw is on line 8 of src/charm.ts; the bundle's own position would say charm.cjs.
    expect(logged).toMatch(/src\/charm\.ts:8:\d+/);
    expect(logged).toContain('Caused by: TypeError: port is not a number');
    expect(run.stderr).toMatch(/src\/charm\.ts:8:\d+/);
  }, 60_000);
});
