// charmcraft's linters on a packed charm: `Entrypoint` (the last word of dispatch's last non-empty line,
// as `shlex.split` reads it, must be an existing executable file, else `charmcraft pack` fails) and
// `Language` (not Python: "unknown", as our manifest says). canonical/charmcraft `charmcraft/linters.py`.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractZip } from '@ops-ts/archive';
import { describe, expect, it } from 'vitest';
import { DISPATCH_SCRIPT } from '../src/dispatch-script.js';
import { packCharm } from '../src/pack.js';
import { loadProject } from '../src/project.js';

/** The words of a shell line as Python's shlex.split (POSIX mode) gives them, for plain and quoted words. */
function shlexSplit(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

describe("charmcraft's entrypoint linter", () => {
  it('finds an executable entrypoint in the packed charm', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lint-'));
    const file = await packCharm(
      loadProject(new URL('../../../examples/greeter', import.meta.url).pathname),
      out,
    );
    const dir = join(out, 'charm');
    extractZip(readFileSync(file), dir);
    const lines = DISPATCH_SCRIPT.split('\n').filter((l) => l.trim());
    const entrypoint = shlexSplit(lines.at(-1) ?? '').at(-1) ?? '';
    expect(entrypoint).toBe('./lib/start.cjs');
    const stat = statSync(join(dir, entrypoint));
    expect(stat.isFile()).toBe(true);
    expect(stat.mode & 0o111).not.toBe(0);
    expect(entrypoint.endsWith('.py')).toBe(false); // Language → unknown, Framework → unknown
  });
});
