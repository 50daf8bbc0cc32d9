// `ops-ts pack` refuses, before building, what Juju would refuse (issue 12, defect 12 and smaller findings):
// a charm name such as `../../evil` would otherwise write outside the output folder.
import { describe, expect, it } from 'vitest';
import { checkPackable, isValidCharmName } from '../src/pack-checks.js';
import type { CharmProject } from '../src/project.js';

const project = (name: string, extra: Record<string, unknown> = {}): CharmProject => ({
  dir: '/p',
  name,
  charmcraft: { name, ...extra },
  entry: '/p/src/charm.ts',
});

describe('charm names (Juju charm/url.go validName)', () => {
  const cases: [string, boolean][] = [
    ['greeter', true],
    ['opencti-crowdstrike-connector', true],
    ['a1-b2', true],
    ['x', true],
    ['../../evil', false],
    ['evil/../x', false],
    ['Greeter', false],
    ['1greeter', false],
    ['greeter-', false],
    ['-greeter', false],
    ['greeter--x', false],
    ['greeter-1', false],
    ['greeter_x', false],
    ['', false],
  ];
  it.each(cases)('%j valid: %s', (name, valid) => {
    expect(isValidCharmName(name)).toBe(valid);
    const check = () => checkPackable(project(name));
    if (valid) expect(check).not.toThrow();
    else expect(check).toThrow(`invalid charm name ${JSON.stringify(name)}`);
  });
});

describe('charmcraft.yaml shapes', () => {
  const cases: [string, Record<string, unknown>, string | RegExp][] = [
    [
      'an unknown config type',
      { config: { options: { port: { type: 'number' } } } },
      'config option "port" has unknown type "number"',
    ],
    ['actions that are a list', { actions: ['backup'] }, 'actions must be a mapping of action names'],
    ['an action that is a string', { actions: { backup: 'now' } }, 'action "backup" must be a mapping'],
    ['a platform that is a path', { platforms: { '../x': null } }, /platform (name )?"\.\.\/x"/],
  ];
  it.each(cases)('refuses %s', (_name, extra, message) => {
    expect(() => checkPackable(project('greeter', extra))).toThrow(message);
  });
});
