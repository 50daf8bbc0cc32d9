// `manifest.yaml` as charmcraft writes it (canonical/charmcraft `charmcraft/models/manifest.py` and
// `services/package.py`): charmcraft-version, charmcraft-started-at (isoformat), bases, analysis
// attributes, in that order, in PyYAML's block style (strings that would read as another type quoted
// with single quotes, as `yaml.dump` does).
import type { RunOnBase } from './pack-target.js';

/** The version written as `charmcraft-version`. */
export const PACKER_VERSION = 'ops-ts-0.1.0';

/** Python's `datetime.isoformat()` of a UTC time: microseconds and `+00:00`. */
export function pythonIsoformat(date: Date): string {
  return `${date.toISOString().slice(0, 19)}.${String(date.getUTCMilliseconds()).padStart(3, '0')}000+00:00`;
}

/** A scalar as PyYAML writes it: plain when it reads back as the same string, else single-quoted. */
function scalar(text: string): string {
  const plain = /^[A-Za-z_/][\w./+-]*$/.test(text) && !/^(true|false|yes|no|on|off|null|~)$/i.test(text);
  return plain ? text : `'${text.replaceAll("'", "''")}'`;
}

/** The manifest's text. charmcraft's linters report the language and framework of Python charms only. */
export function manifestYaml(bases: readonly RunOnBase[], startedAt: Date): string {
  const lines = [
    `charmcraft-version: ${scalar(PACKER_VERSION)}`,
    `charmcraft-started-at: ${scalar(pythonIsoformat(startedAt))}`,
    'bases:',
  ];
  for (const base of bases) {
    lines.push(`- name: ${scalar(base.name)}`, `  channel: ${scalar(base.channel)}`, '  architectures:');
    for (const arch of base.architectures) lines.push(`  - ${scalar(arch)}`);
  }
  lines.push(
    'analysis:',
    '  attributes:',
    '  - name: language',
    '    result: unknown',
    '  - name: framework',
    '    result: unknown',
  );
  return `${lines.join('\n')}\n`;
}
