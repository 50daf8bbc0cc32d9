import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: build.mjs is plain JavaScript without types
import { buildFakeOpencti } from '../build.mjs';
import { tempDir } from './helpers.js';

const TOKEN = 'cli-admin-token-6f1c';
let bundle = '';

beforeAll(async () => {
  bundle = await buildFakeOpencti(join(await tempDir(), 'fake-opencti.mjs'));
});

interface Run {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exit: Promise<{ code: number | null; signal: string | null }>;
}

function run(args: string[], env: Record<string, string | undefined> = {}): Run {
  const child = spawn(process.execPath, [bundle, ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (l) => stdout.push(l));
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (l) => stderr.push(l));
  const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout, stderr, exit };
}

async function firstLine(r: Run): Promise<string> {
  for (let i = 0; i < 200 && r.stdout.length === 0; i++) await new Promise((res) => setTimeout(res, 25));
  const line = r.stdout[0];
  if (!line) throw new Error(`no listening line; stderr: ${r.stderr.join('\n')}`);
  return line;
}

describe('fake-opencti command', () => {
  it('prints the listening line, serves, logs changes without tokens, and exits 0 on SIGTERM', async () => {
    const r = run(['--port', '0', '--base-path', '/opencti'], {
      APP__ADMIN__TOKEN: TOKEN,
      APP__HEALTH_ACCESS_KEY: 'key',
    });
    const line = await firstLine(r);
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\/opencti$/);
    const url = line.replace('listening on ', '');
    expect((await fetch(`${url}/health?health_access_key=key`)).status).toBe(200);
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($i: UserAddInput!) { userAdd(input: $i) { api_token } }',
        variables: { i: { name: 'charm-connector-a', user_email: 'a@opencti.local', password: 'pw-secret' } },
      }),
    });
    const { data } = (await res.json()) as { data: { userAdd: { api_token: string } } };
    r.child.kill('SIGTERM');
    expect(await r.exit).toEqual({ code: 0, signal: null });
    const output = [...r.stdout, ...r.stderr].join('\n');
    expect(r.stdout).toHaveLength(1);
    expect(output).toContain('userAdd charm-connector-a');
    for (const secret of [TOKEN, 'pw-secret', data.userAdd.api_token]) expect(output).not.toContain(secret);
  });

  it('uses OPS_TS_PORT_8080 for the container port 8080', async () => {
    const probe = run(['--port', '0', '--admin-token', 't', '--health-key', 'k']);
    const port = new URL((await firstLine(probe)).replace('listening on ', '')).port;
    probe.child.kill('SIGTERM');
    await probe.exit;
    const r = run([], {
      APP__ADMIN__TOKEN: 't',
      APP__HEALTH_ACCESS_KEY: 'k',
      APP__PORT: '8080',
      OPS_TS_PORT_8080: port,
    });
    expect(await firstLine(r)).toBe(`listening on http://127.0.0.1:${port}`);
    r.child.kill('SIGTERM');
    await r.exit;
  });

  it.each([
    {
      args: [],
      env: { APP__HEALTH_ACCESS_KEY: 'k' },
      code: 2,
      error: 'fake-opencti: no admin token: set APP__ADMIN__TOKEN or pass --admin-token',
    },
    {
      args: ['--host', '0.0.0.0', '--port', '0'],
      env: { APP__ADMIN__TOKEN: TOKEN, APP__HEALTH_ACCESS_KEY: 'k' },
      code: 1,
      error: 'fake-opencti: refusing to listen on 0.0.0.0: loopback addresses only',
    },
  ])('fails with one clear line: $error', async ({ args, env, code, error }) => {
    const r = run(args, env);
    expect((await r.exit).code).toBe(code);
    expect(r.stderr[0]).toBe(error);
    expect(r.stdout).toEqual([]);
    expect(r.stderr.join('\n')).not.toContain(TOKEN);
  });
});
