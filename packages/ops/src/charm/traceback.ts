// The traceback of an error that fails a hook: its stack with bundle positions mapped back to the
// TypeScript sources (`lib/charm.cjs.map`, written by `ops-ts build` and read only here, when a hook has
// already failed, so it costs nothing on the start-up path), then its cause chain, as Python prints
// "The above exception was the direct cause of …".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One mapping segment: generated column, source index, source line, source column (all 0-based). */
type Segment = [number, number, number, number];

/** Decodes a source map's `mappings` (base64 VLQ, relative fields) into segments per generated line. */
function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let srcLine = 0;
  let srcCol = 0;
  for (const line of mappings.split(';')) {
    const segments: Segment[] = [];
    let genCol = 0;
    for (const text of line.split(',')) {
      if (!text) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of text) {
        const digit = BASE64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
          continue;
        }
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
      genCol += fields[0] ?? 0;
      if (fields.length >= 4) {
        source += fields[1] ?? 0;
        srcLine += fields[2] ?? 0;
        srcCol += fields[3] ?? 0;
        segments.push([genCol, source, srcLine, srcCol]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

/** `../../src/charm.ts` → `src/charm.ts`: positions read as paths of the charm project. */
function tidy(source: string): string {
  return source.replace(/^(\.\.\/)+/, '').replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, '');
}

/** Rewrites `…/lib/charm.cjs:LINE:COL` frames of `stack` to source positions, when the map is there. */
export function mapStack(stack: string, charmDir: string): string {
  let map: { sources: string[]; mappings: string };
  try {
    map = JSON.parse(readFileSync(join(charmDir, 'lib', 'charm.cjs.map'), 'utf8')) as typeof map;
  } catch {
    return stack; // no map shipped: the bundle's positions are all there is
  }
  const lines = decodeMappings(map.mappings);
  return stack.replace(/[^\s()]*charm\.cjs:(\d+):(\d+)/g, (frame, line: string, col: string) => {
    const segments = lines[Number(line) - 1] ?? [];
    let best: Segment | undefined;
    for (const s of segments) {
      if (s[0] > Number(col) - 1) break;
      best = s;
    }
    const source = best ? map.sources[best[1]] : undefined;
    return best && source ? `${tidy(source)}:${best[2] + 1}:${best[3] + 1}` : frame;
  });
}

/** The error's mapped stack followed by each cause's (`Caused by: …`), at most a few deep. */
export function traceback(error: Error, charmDir: string): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 8; depth++) {
    const text =
      current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current);
    parts.push((depth === 0 ? '' : 'Caused by: ') + mapStack(text, charmDir));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\n');
}
