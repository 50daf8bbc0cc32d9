// The model on disk (issue 12, defects 2-5): saved as one unit, refused (and left alone) when partly
// missing or of the wrong shape, never written by a reader, locked safely, and private.
import {
  appendFileSync,
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelLockedError, ModelStore, Simulator } from '../src/index.js';
import { openSim } from './helpers.js';
import { packShellCharm } from './shell-charm.js';

/** Every path under `dir` with its type, mode and content, to show nothing changed. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out.push(`${p} -> ${readlinkSync(p)}`);
      else if (st.isDirectory()) {
        out.push(`${p}/ ${st.mode & 0o777}`);
        walk(p);
      } else out.push(`${p} ${st.mode & 0o777} ${st.mtimeMs} ${readFileSync(p, 'utf8').length}`);
    }
  };
  walk(dir);
  return out;
}

let charm: string | undefined;
async function deployedModel(): Promise<string> {
  charm ??= packShellCharm({ name: 'db', peers: { cluster: { interface: 'db-peers' } } });
  const sim = openSim();
  sim.deploy(charm, { numUnits: 2 });
  await sim.settle();
  await sim.close();
  return sim.store.dir;
}

const committedDir = (dir: string) => join(dir, readlinkSync(join(dir, 'current')));

describe('saving', () => {
  it('writes state and sim as one generation behind one symlink', async () => {
    const dir = await deployedModel();
    expect(readlinkSync(join(dir, 'state.json'))).toBe('current/state.json');
    expect(readlinkSync(join(dir, 'sim.json'))).toBe('current/sim.json');
    expect(readdirSync(committedDir(dir)).sort()).toEqual(['sim.json', 'state.json']);
    // At most the previous generation is kept (a reader racing a save still finds a whole pair).
    expect(readdirSync(join(dir, 'generations')).length).toBeLessThanOrEqual(2);
  });

  it('a save that crashed before its commit leaves the last committed model', async () => {
    const dir = await deployedModel();
    const before = readFileSync(join(dir, 'state.json'), 'utf8');
    // The crash: a next generation half written, `current` not yet moved.
    const gen = Number(readlinkSync(join(dir, 'current')).split('/').at(-1)) + 1;
    mkdirSync(join(dir, 'generations', String(gen)));
    writeFileSync(join(dir, 'generations', String(gen), 'state.json'), '{"trunc');
    const sim = Simulator.open({ modelDir: dir });
    expect(JSON.stringify(sim.state)).toBe(before.trimEnd());
    sim.addUnit('db');
    await sim.close();
    expect(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).units['db/2']).toBeDefined();
  });

  it('hook-log lines of a hook whose model was never saved are dropped, not repeated', async () => {
    const dir = await deployedModel();
    const seq = Simulator.open({ modelDir: dir, readOnly: true }).sim.hookSeq;
    appendFileSync(
      join(dir, 'hooks.jsonl'),
      `${JSON.stringify({ seq: seq + 1, unit: 'db/0', hook: 'ghost' })}\n{"seq":`,
    );
    const reader = Simulator.open({ modelDir: dir, readOnly: true });
    expect(reader.hookLog().map((e) => e.hook)).not.toContain('ghost');
    const sim = Simulator.open({ modelDir: dir });
    sim.queueUpdateStatus();
    await sim.settle();
    await sim.close();
    const seqs = sim.hookLog().map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(readFileSync(join(dir, 'hooks.jsonl'), 'utf8')).not.toContain('ghost');
  });

  it('reads and converts a model saved in the old two-file layout', async () => {
    const dir = await deployedModel();
    const committed = committedDir(dir);
    for (const name of ['state.json', 'sim.json']) {
      unlinkSync(join(dir, name));
      cpSync(join(committed, name), join(dir, name));
    }
    rmSync(join(dir, 'current'));
    rmSync(join(dir, 'generations'), { recursive: true });
    const sim = Simulator.open({ modelDir: dir });
    expect(Object.keys(sim.state.units)).toEqual(['db/0', 'db/1']);
    await sim.close();
    expect(readlinkSync(join(dir, 'state.json'))).toBe('current/state.json');
  });
});

describe('a damaged model is refused by name and left untouched', () => {
  const damage: [string, (dir: string) => void, RegExp][] = [
    ['state.json missing', (d) => unlinkSync(join(committedDir(d), 'state.json')), /state\.json is missing/],
    ['sim.json missing', (d) => unlinkSync(join(committedDir(d), 'sim.json')), /sim\.json is missing/],
    [
      'state.json null',
      (d) => writeFileSync(join(committedDir(d), 'state.json'), 'null'),
      /state\.json has the wrong shape: expected an object/,
    ],
    [
      'state.json []',
      (d) => writeFileSync(join(committedDir(d), 'state.json'), '[]'),
      /state\.json has the wrong shape/,
    ],
    [
      'state.json {}',
      (d) => writeFileSync(join(committedDir(d), 'state.json'), '{}'),
      /state\.json has the wrong shape: no model identity/,
    ],
    [
      'sim.json {}',
      (d) => writeFileSync(join(committedDir(d), 'sim.json'), '{}'),
      /sim\.json has the wrong shape: unknown format version/,
    ],
    [
      'sim.json not JSON',
      (d) => writeFileSync(join(committedDir(d), 'sim.json'), '{"a'),
      /sim\.json is not JSON/,
    ],
    [
      'the state files gone, the rest there',
      (d) => {
        rmSync(join(d, 'current'));
        rmSync(join(d, 'generations'), { recursive: true });
      },
      /state\.json is missing \(found .*hooks\.jsonl/,
    ],
  ];
  it.each(damage)('%s', async (_name, hurt, message) => {
    const dir = await deployedModel();
    hurt(dir);
    const before = snapshot(dir);
    for (const readOnly of [true, false]) {
      expect(() => Simulator.open({ modelDir: dir, readOnly })).toThrow(message);
    }
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('readers', () => {
  it('never write: views leave the directory as it was', async () => {
    const dir = await deployedModel();
    const before = snapshot(dir);
    const sim = Simulator.open({ modelDir: dir, readOnly: true });
    sim.status();
    sim.debugLog();
    sim.hookLog();
    expect(() => sim.addUnit('db')).toThrow(/opened read-only/);
    await sim.close();
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuse a directory that does not exist, or a file', () => {
    const missing = join(tmpdir(), `ops-ts-no-such-model-${process.pid}`);
    expect(() => Simulator.open({ modelDir: missing, readOnly: true })).toThrow(`no model in ${missing}`);
    expect(() => statSync(missing)).toThrow();
    const file = join(mkdtempSync(join(tmpdir(), 'ops-ts-model-file-')), 'm');
    writeFileSync(file, '');
    for (const readOnly of [true, false]) {
      expect(() => Simulator.open({ modelDir: file, readOnly })).toThrow(
        `model directory ${file} is not a directory`,
      );
    }
  });
});

describe('the lock', () => {
  const fresh = () => mkdtempSync(join(tmpdir(), 'ops-ts-lock-'));

  it('a live holder refuses; a dead one is taken over; our own release removes only our lock', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'lock'), '1');
    expect(() => new ModelStore(dir).lock()).toThrow(ModelLockedError);
    writeFileSync(join(dir, 'lock'), '999999999 1');
    const release = new ModelStore(dir).lock();
    expect(readFileSync(join(dir, 'lock'), 'utf8').split(' ')[0]).toBe(String(process.pid));
    writeFileSync(join(dir, 'lock'), '1'); // someone else's now
    release();
    expect(readFileSync(join(dir, 'lock'), 'utf8')).toBe('1');
  });

  it('a lock that is a directory is reported, not a raw Node error', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'lock'));
    expect(() => new ModelStore(dir).lock()).toThrow(
      /lock is not a file \(remove it if no command is using the model\)/,
    );
  });
});

describe('file modes', () => {
  it('every file and directory of the model is private (no group or other bits)', async () => {
    const dir = await deployedModel();
    const sim = Simulator.open({ modelDir: dir });
    sim.addSecret('pw', { password: 'hunter2' });
    writeFileSync(join(sim.store.charmDir('db/0'), '.unit-state.json'), '{}', { mode: 0o644 });
    await sim.close();
    const open: string[] = [];
    const walk = (d: string, agentFiles: boolean) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        const st = lstatSync(p);
        if (st.isSymbolicLink()) continue;
        // A charm's own files under agents/ are written by its hooks: the 0700 directories guard them.
        if ((st.mode & 0o077) !== 0 && !agentFiles) open.push(`${p} ${(st.mode & 0o777).toString(8)}`);
        if (st.isDirectory()) walk(p, agentFiles || (name === 'charm' && d.includes('/agents/')));
      }
    };
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    walk(dir, false);
    expect(open).toEqual([]);
    expect(statSync(join(dir, 'agents')).mode & 0o777).toBe(0o700);
  });
});
