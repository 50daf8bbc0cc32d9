// File names and manifest bases as charmcraft derives them from `platforms:` (with `base:`) or `bases:`
// (canonical/charmcraft `charmcraft/services/package.py` get_manifest_bases), and manifest.yaml's text.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { manifestYaml, pythonIsoformat } from '../src/manifest.js';
import { packTarget } from '../src/pack-target.js';
import type { CharmProject } from '../src/project.js';

const project = (charmcraft: Record<string, unknown>): CharmProject => ({
  dir: '/p',
  name: 'x',
  charmcraft,
  entry: '/p/src/charm.ts',
});

describe('pack target', () => {
  it.each([
    [
      'an architecture platform',
      { base: 'ubuntu@24.04', platforms: { amd64: null } },
      'amd64',
      [{ name: 'ubuntu', channel: '24.04', architectures: ['amd64'] }],
    ],
    [
      'a base:arch platform',
      { platforms: { 'ubuntu@22.04:arm64': null } },
      'ubuntu@22.04:arm64',
      [{ name: 'ubuntu', channel: '22.04', architectures: ['arm64'] }],
    ],
    [
      'a named platform with build-for',
      { base: 'ubuntu@24.04', platforms: { 'my-arm': { 'build-on': ['amd64'], 'build-for': ['arm64'] } } },
      'my-arm',
      [{ name: 'ubuntu', channel: '24.04', architectures: ['arm64'] }],
    ],
    [
      'legacy short bases',
      { bases: [{ name: 'ubuntu', channel: '22.04' }] },
      'ubuntu-22.04-amd64',
      [{ name: 'ubuntu', channel: '22.04', architectures: ['amd64'] }],
    ],
    [
      'legacy build-on/run-on bases',
      {
        bases: [
          {
            'build-on': [{ name: 'ubuntu', channel: '22.04' }],
            'run-on': [{ name: 'ubuntu', channel: '22.04', architectures: ['amd64', 'arm64'] }],
          },
        ],
      },
      'ubuntu-22.04-amd64-arm64',
      [{ name: 'ubuntu', channel: '22.04', architectures: ['amd64', 'arm64'] }],
    ],
  ])('%s', (_name, charmcraft, label, bases) => {
    expect(packTarget(project(charmcraft))).toEqual({ label, bases });
  });

  it.each([
    ['no base anywhere', { platforms: { amd64: null } }, 'no base'],
    [
      'an unknown architecture',
      { base: 'ubuntu@24.04', platforms: { x86: null } },
      '"x86" is not a Juju architecture',
    ],
    [
      'a named platform without build-for',
      { base: 'ubuntu@24.04', platforms: { mine: { 'build-on': ['amd64'] } } },
      'has no build-for',
    ],
  ])('refuses %s', (_name, charmcraft, message) => {
    expect(() => packTarget(project(charmcraft))).toThrow(message);
  });
});

describe('manifest.yaml', () => {
  it("is laid out and quoted as PyYAML dumps charmcraft's manifest", () => {
    const text = manifestYaml(
      [{ name: 'ubuntu', channel: '24.04', architectures: ['amd64'] }],
      new Date('2026-12-02T18:20:01.234Z'),
    );
    expect(text).toBe(`charmcraft-version: ops-ts-0.1.0
charmcraft-started-at: '2026-12-02T18:20:01.234000+00:00'
bases:
- name: ubuntu
  channel: '24.04'
  architectures:
  - amd64
analysis:
  attributes:
  - name: language
    result: unknown
  - name: framework
    result: unknown
`);
    expect(parse(text).bases[0].channel).toBe('24.04');
  });

  it('writes datetimes as Python isoformat', () => {
    expect(pythonIsoformat(new Date('2020-03-14T00:00:00.000Z'))).toBe('2020-03-14T00:00:00.000000+00:00');
  });
});
