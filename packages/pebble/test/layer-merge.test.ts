import { describe, expect, it } from 'vitest';
import {
  combineLayer,
  type Layer,
  LayerError,
  layerToYaml,
  mergeLayers,
  parseLayerYaml,
} from '../src/index.js';

const svc = (fields: Record<string, unknown>): Layer => ({
  services: { web: { override: 'merge', command: 'run', ...fields } },
});

describe('service fields under override: merge', () => {
  const cases: { field: string; lower: unknown; upper: unknown; expected: unknown }[] = [
    { field: 'command', lower: 'a', upper: 'b', expected: 'b' },
    { field: 'summary', lower: 'old', upper: 'new', expected: 'new' },
    { field: 'startup', lower: 'disabled', upper: 'enabled', expected: 'enabled' },
    { field: 'user', lower: 'alice', upper: 'bob', expected: 'bob' },
    { field: 'user-id', lower: 1, upper: 2, expected: 2 },
    { field: 'group-id', lower: 3, upper: 4, expected: 4 },
    { field: 'working-dir', lower: '/a', upper: '/b', expected: '/b' },
    { field: 'on-failure', lower: 'restart', upper: 'shutdown', expected: 'shutdown' },
    { field: 'backoff-delay', lower: '1s', upper: '2s', expected: '2s' },
    { field: 'backoff-factor', lower: 2, upper: 1.5, expected: 1.5 },
    { field: 'kill-delay', lower: '5s', upper: '9s', expected: '9s' },
    { field: 'after', lower: ['db'], upper: ['cache'], expected: ['db', 'cache'] },
    { field: 'before', lower: ['x'], upper: ['y'], expected: ['x', 'y'] },
    { field: 'requires', lower: ['db'], upper: ['db', 'cache'], expected: ['db', 'db', 'cache'] },
    {
      field: 'environment',
      lower: { A: '1', B: '2' },
      upper: { B: '3', C: '4' },
      expected: { A: '1', B: '3', C: '4' },
    },
    {
      field: 'on-check-failure',
      lower: { up: 'restart' },
      upper: { ready: 'ignore' },
      expected: { up: 'restart', ready: 'ignore' },
    },
  ];
  it.each(cases)('$field: $lower + $upper -> $expected', ({ field, lower, upper, expected }) => {
    const out = combineLayer(svc({ [field]: lower }), svc({ [field]: upper }), 'top');
    expect((out.services?.web as Record<string, unknown> | undefined)?.[field]).toEqual(expected);
  });

  it('keeps lower scalars the upper layer does not set', () => {
    const out = combineLayer(
      svc({ user: 'alice', command: 'a' }),
      { services: { web: { override: 'merge' } } },
      'top',
    );
    expect(out.services?.web).toMatchObject({ user: 'alice', command: 'a' });
  });
});

describe('override: replace', () => {
  it('replaces the whole service definition', () => {
    const lower = svc({ environment: { A: '1' }, after: ['db'] });
    const out = combineLayer(lower, { services: { web: { override: 'replace', command: 'new' } } }, 'top');
    expect(out.services?.web).toEqual({ override: 'replace', command: 'new' });
  });
});

describe('checks and log targets under merge', () => {
  it('merges http headers key by key and replaces scalars', () => {
    const lower: Layer = {
      checks: {
        up: { override: 'merge', period: '10s', http: { url: 'http://a', headers: { X: '1', Y: '2' } } },
      },
    };
    const upper: Layer = {
      checks: { up: { override: 'merge', threshold: 5, http: { headers: { Y: '3' } } } },
    };
    expect(combineLayer(lower, upper, 'top').checks?.up).toEqual({
      override: 'merge',
      period: '10s',
      threshold: 5,
      http: { url: 'http://a', headers: { X: '1', Y: '3' } },
    });
  });

  it('merges exec environment and tcp fields', () => {
    const lower: Layer = {
      checks: {
        e: { override: 'merge', exec: { command: 'a', environment: { A: '1' } } },
        t: { override: 'merge', tcp: { port: 80, host: 'h' } },
      },
    };
    const upper: Layer = {
      checks: {
        e: { override: 'merge', exec: { environment: { B: '2' } } },
        t: { override: 'merge', tcp: { port: 81 } },
      },
    };
    const out = combineLayer(lower, upper, 'top');
    expect(out.checks?.e?.exec).toEqual({ command: 'a', environment: { A: '1', B: '2' } });
    expect(out.checks?.t?.tcp).toEqual({ port: 81, host: 'h' });
  });

  it('extends log-target services and merges labels', () => {
    const lower: Layer = {
      'log-targets': { loki: { override: 'merge', type: 'loki', services: ['a'], labels: { x: '1' } } },
    };
    const upper: Layer = {
      'log-targets': {
        loki: { override: 'merge', location: 'http://l', services: ['b'], labels: { y: '2' } },
      },
    };
    expect(combineLayer(lower, upper, 'top')['log-targets']?.loki).toEqual({
      override: 'merge',
      type: 'loki',
      location: 'http://l',
      services: ['a', 'b'],
      labels: { x: '1', y: '2' },
    });
  });
});

describe('layer validation (Pebble error texts)', () => {
  it.each([
    [
      'service',
      { services: { srv1: { command: 'cmd' } } },
      'layer "label2" must define "override" for service "srv1"',
    ],
    [
      'check',
      { checks: { c1: { tcp: { port: 1 } } } },
      'layer "label2" must define "override" for check "c1"',
    ],
    [
      'log target',
      { 'log-targets': { t: { type: 'loki' } } },
      'layer "label2" must define "override" for log target "t"',
    ],
  ] as const)('a %s without override is rejected', (_noun, layer, message) => {
    expect(() => mergeLayers([{ label: 'label2', layer: layer as Layer }])).toThrow(new LayerError(message));
  });

  it('rejects an invalid override value', () => {
    const layer = { services: { s: { override: 'bogus', command: 'x' } } } as unknown as Layer;
    expect(() => mergeLayers([{ label: 'l', layer }])).toThrow(
      'layer "l" has invalid "override" value for service "s"',
    );
  });

  it('requires a command in the combined plan, wherever it comes from', () => {
    expect(() => mergeLayers([{ label: 'l', layer: { services: { srv1: { override: 'merge' } } } }])).toThrow(
      'plan must define "command" for service "srv1"',
    );
    const plan = mergeLayers([
      { label: 'a', layer: { services: { srv1: { override: 'merge', command: 'foo --bar' } } } },
      { label: 'b', layer: { services: { srv1: { override: 'merge' } } } },
    ]);
    expect(plan.services?.srv1?.command).toBe('foo --bar');
  });
});

describe('layer YAML rendering', () => {
  it('sorts keys and drops falsy fields, as ops add_layer does', () => {
    const yaml = layerToYaml({
      summary: '',
      services: {
        web: { override: 'replace', command: 'run', environment: {}, startup: 'enabled', after: [] },
      },
    });
    expect(yaml).toBe('services:\n  web:\n    command: run\n    override: replace\n    startup: enabled\n');
  });

  it('round-trips through parseLayerYaml', () => {
    const layer: Layer = { services: { a: { override: 'merge', command: 'x', 'user-id': 7 } } };
    expect(parseLayerYaml(layerToYaml(layer))).toEqual(layer);
  });

  it('rejects YAML that is not a layer', () => {
    expect(() => parseLayerYaml('- a list', 'bad')).toThrow(LayerError);
  });
});
