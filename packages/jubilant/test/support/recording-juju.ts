// A recording `juju` stand-in for the real backend's tests: an executable script first on PATH (in a
// temporary directory) that records each call's argv, stdin and the files named by `--file`/`--params`
// (content and mode, read while juju "runs"), then prints the canned output queued for that verb.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Juju, type JujuOptions, realBackend } from '../../src/index.js';

/** What one call to the stand-in received. */
export interface RecordedCall {
  readonly argv: string[];
  readonly stdin: string;
  /** Files named by `--file` or `--params`: content and permission bits when juju was called. */
  readonly files: Record<string, { content: string; mode: number }>;
}

/** A canned reply: what juju prints and its exit code. */
export interface Reply {
  readonly stdout?: string;
  readonly stderr?: string;
  readonly code?: number;
}

// CommonJS (no package.json above a temp dir): the nth call of a verb gets its nth reply, the last repeats.
const SCRIPT = `
const fs = require('node:fs');
const path = require('node:path');
const dir = __dirname;
const argv = process.argv.slice(2);
const files = {};
for (let i = 0; i < argv.length - 1; i++) {
  if (argv[i] !== '--file' && argv[i] !== '--params') continue;
  const p = argv[i + 1];
  files[p] = { content: fs.readFileSync(p, 'utf8'), mode: fs.statSync(p).mode & 0o777 };
}
let stdin = '';
try { stdin = fs.readFileSync(0, 'utf8'); } catch {}
const log = path.join(dir, 'calls.jsonl');
const before = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\\n').filter(Boolean).map(JSON.parse) : [];
fs.appendFileSync(log, JSON.stringify({ argv, stdin, files }) + '\\n');
const replies = JSON.parse(fs.readFileSync(path.join(dir, 'replies.json'), 'utf8'))[argv[0]] || [];
const n = before.filter((c) => c.argv[0] === argv[0]).length;
const reply = replies[Math.min(n, replies.length - 1)] || {};
process.stdout.write(reply.stdout || '');
process.stderr.write(reply.stderr || '');
process.exitCode = reply.code || 0;
`;

/** A temporary directory holding the stand-in `juju`, its replies and its record of calls. */
export class RecordingJuju {
  /** The temporary directory (removed by `remove`). */
  readonly root = mkdtempSync(join(tmpdir(), 'ops-ts-recording-juju-'));
  /** The directory put first on PATH, holding the stand-in, its replies and its calls. */
  readonly dir: string;
  readonly #replies: Record<string, Reply[]> = {};

  /** With `snap`, the stand-in lives under a `/snap/` path, as the juju snap's `juju` does. */
  constructor(options: { snap?: boolean } = {}) {
    this.dir = options.snap ? join(this.root, 'snap/bin') : this.root;
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, 'juju'), `#!${process.execPath}\n${SCRIPT}`);
    chmodSync(join(this.dir, 'juju'), 0o755);
    this.#save();
  }

  /** Queues the replies to calls of `verb` (the first juju argument). */
  reply(verb: string, ...replies: Reply[]): this {
    this.#replies[verb] = replies;
    this.#save();
    return this;
  }

  /** Every call so far, in order. */
  calls(): RecordedCall[] {
    const log = join(this.dir, 'calls.jsonl');
    if (!existsSync(log)) return [];
    return readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as RecordedCall);
  }

  /** The argv of every call so far. */
  argvs(): string[][] {
    return this.calls().map((c) => c.argv);
  }

  /** A client on the real backend that finds this stand-in first on PATH. */
  juju(options: JujuOptions = {}): Juju {
    return new Juju({
      backend: realBackend(),
      env: { ...process.env, PATH: `${this.dir}${delimiter}${process.env.PATH ?? ''}` },
      ...options,
    });
  }

  /** Removes the directory. */
  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  #save(): void {
    writeFileSync(join(this.dir, 'replies.json'), JSON.stringify(this.#replies));
  }
}

/** A fixture's text (test/fixtures). */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}
