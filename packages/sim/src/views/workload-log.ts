/**
 * The service stand-ins' output for `debug-log`: the last lines of each log file, per unit and service,
 * after Juju's lines (the files carry no timestamps per line, so the two cannot be interleaved).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelStore } from '../model-store.js';
import type { DebugLogOptions } from './debug-log.js';

/** Lines kept per stand-in log. */
const TAIL = 100;
const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];

/**
 * `unit-web-0: workload.<container>.<service> <line>` for each stand-in log line (level INFO), with
 * the contents of the model's secrets redacted (a fake server may well print the tokens it hands out).
 */
export function workloadLog(
  store: ModelStore,
  secrets: readonly string[],
  opts: Omit<DebugLogOptions, 'lines'> = {},
): string[] {
  if (LEVELS.indexOf((opts.level ?? 'TRACE').toUpperCase()) > LEVELS.indexOf('INFO')) return [];
  const base = join(store.dir, 'workloads');
  if (!existsSync(base)) return [];
  const include = opts.include ?? [];
  const out: string[] = [];
  for (const slug of readdirSync(base).sort()) {
    const unit = slug.replace(/-(\d+)$/, '/$1');
    if (include.length > 0 && !include.some((i) => unit === i || unit.startsWith(`${i}/`))) continue;
    if ((opts.exclude ?? []).some((i) => unit === i || unit.startsWith(`${i}/`))) continue;
    for (const container of readdirSync(join(base, slug)).sort()) {
      for (const file of readdirSync(join(base, slug, container)).sort()) {
        if (!file.endsWith('.log')) continue;
        const lines = readFileSync(join(base, slug, container, file), 'utf8')
          .trimEnd()
          .split('\n');
        for (const line of lines.slice(-TAIL)) {
          if (line === '') continue;
          const clean = secrets.reduce((text, secret) => text.replaceAll(secret, '**redacted**'), line);
          out.push(`unit-${slug}: workload.${container}.${file.slice(0, -4)} ${clean}`);
        }
      }
    }
  }
  return out;
}
