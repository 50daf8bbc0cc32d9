import { describe, expect, it } from 'vitest';
import { parse, type SchemaOptions, stringify, type ToStringOptions } from 'yaml';
import { type Layer, layerToYaml, normaliseLayer, parseLayerYaml } from '../src/index.js';
import { layerToYaml as serverLayerToYaml } from '../src/layer-yaml-server.js';
import { emitYaml } from '../src/yaml-emit.js';
import { parseYaml } from '../src/yaml-parse.js';

// Strings that a careless writer would let YAML read as another type, another structure or other text.
const TRICKY = [
  '5432',
  'true',
  'null',
  '- x',
  'a: b',
  '#x',
  'x #y',
  '',
  ' ',
  ' lead',
  'trail ',
  'multi\nline',
  'multi\nline\n',
  'ends\n\n\n',
  '\nleading newline',
  '  indented\nsecond',
  'line\n  more indented\nback',
  'trailing spaces  \nline',
  'tab\there',
  'unicode ✓ héllo 日本',
  'emoji 😀',
  'quotes "double" and \'single\'',
  'back\\slash',
  '~',
  'yes',
  'No',
  'on',
  'y',
  '0x1F',
  '0o17',
  '010',
  '1e3',
  '.inf',
  '-.5',
  '1_000',
  '12:30',
  '2024-01-01',
  '[a]',
  '{b}',
  '* star',
  '& amp',
  '! bang',
  '| pipe',
  '> gt',
  '%pct',
  '@at',
  '`tick',
  ',comma',
  '? q',
  ': colon',
  'a:b',
  '---',
  '...',
  'http://x:8080/p?q=1#frag',
  '/bin/sh -c "exec run --flag=1" [ --port 80 ]',
  'key: value\n  nested: thing\n- item',
  `long ${'word '.repeat(30)}end`,
  `long-no-spaces-${'x'.repeat(120)}`,
  'nbsp\u00a0here',
  'del\u007f',
  'ctrl\u0001\u001b',
  'nel\u0085ls\u2028ps\u2029',
  'bom\ufeff',
];

// Mulberry32: a tiny seeded PRNG so the generated layers are the same on every run.
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateLayer(next: () => number, strings: readonly string[]): Layer {
  const pick = (): string => strings[Math.floor(next() * strings.length)] as string;
  const record = (n: number): Record<string, string> =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [i % 3 === 0 ? pick() || 'K' : `K${i}`, pick()]));
  return {
    summary: pick(),
    description: pick(),
    services: {
      [pick() || 'svc']: {
        override: 'replace',
        command: pick(),
        summary: pick(),
        environment: record(1 + Math.floor(next() * 5)),
        after: [pick(), pick()],
        'user-id': Math.floor(next() * 2000),
        'backoff-factor': 1 + Math.floor(next() * 8) / 4,
        startup: next() < 0.5 ? 'enabled' : '',
      },
      other: { override: 'merge', 'working-dir': pick(), 'on-check-failure': { up: 'restart' } },
    },
    checks: {
      up: {
        override: 'replace',
        level: 'alive',
        threshold: 3,
        http: { url: pick(), headers: record(2) },
        exec: { command: pick(), environment: record(1) },
      },
    },
    'log-targets': { loki: { override: 'merge', type: 'loki', services: [pick()], labels: record(2) } },
  };
}

const layers = (strings: readonly string[], count: number): Layer[] => {
  const next = random(42);
  return Array.from({ length: count }, () => generateLayer(next, strings));
};

// The `yaml` package in the layouts our test server, yaml.v3 (4 spaces) and PyYAML (flush sequences) use.
const WRITERS: { name: string; options: ToStringOptions & SchemaOptions }[] = [
  { name: 'default', options: { sortMapEntries: true } },
  { name: '4 spaces', options: { indent: 4 } },
  { name: 'flush sequences', options: { indentSeq: false } },
  { name: 'narrow, folded', options: { lineWidth: 24, minContentWidth: 0, blockQuote: 'folded' } },
  { name: 'double-quoted', options: { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' } },
  { name: 'single-quoted', options: { defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN' } },
];

// Raw NEL/LS/PS mean a line break to YAML 1.1 and text to 1.2, so our reader refuses them unescaped.
const RAW_SAFE = TRICKY.filter((s) => !/[\u0085\u2028\u2029]/.test(s));

describe('layer YAML round trips', () => {
  it.each(layers(TRICKY, 150).map((layer, i) => ({ i, layer })))('generated layer $i', ({ layer }) => {
    const normalised = normaliseLayer(layer);
    const text = layerToYaml(layer);
    expect(parseLayerYaml(text)).toEqual(normalised);
    expect(parse(text)).toEqual(normalised);
    const json = JSON.stringify(normalised, null, 2).replace(
      /[\u0085\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    expect(parseLayerYaml(json)).toEqual(normalised);
  });

  // Compared with the `yaml` package's own reading: with `indent: 4` it writes `|2-` block scalars that
  // it, PyYAML and libyaml all read with extra leading spaces, so the layer itself does not survive.
  it.each(WRITERS)('reads what the `yaml` package writes as it does: $name', ({ options }) => {
    for (const layer of layers(RAW_SAFE, 60)) {
      const text = stringify(normaliseLayer(layer), options);
      expect(parseLayerYaml(text)).toEqual(parse(text));
    }
  });

  it('reads what our test server writes for GET /v1/plan', () => {
    for (const layer of layers(RAW_SAFE, 60))
      expect(parseLayerYaml(serverLayerToYaml(layer))).toEqual(normaliseLayer(layer));
  });

  it.each(TRICKY)('writes %j so both readers get it back', (s) => {
    const text = emitYaml({ [s || 'empty']: s, list: [s] });
    const expected = { [s || 'empty']: s, list: [s] };
    expect(parseYaml(text)).toEqual(expected);
    expect(parse(text)).toEqual(expected);
  });
});

describe('layer YAML layout', () => {
  it('sorts keys by code point and writes sequences at their key, as PyYAML does', () => {
    const text = emitYaml({
      b: [{ y: 1, x: [] }, ['n']],
      a: { é: 'e', z: 'z', Z: 'Z', '😀': 1, '\uffee': 2 },
    });
    expect(text).toBe(
      [
        'a:',
        '  Z: Z',
        '  z: z',
        '  "é": e',
        '  "\uffee": 2',
        '  "😀": 1',
        'b:',
        '- x: []',
        '  "y": 1',
        '- - "n"',
        '',
      ].join('\n'),
    );
  });

  it('quotes every string that is not unmistakably a plain string', () => {
    const text = emitYaml({
      a: '5432',
      b: 'true',
      c: '',
      d: 'run --x=1 /p',
      e: 'a\nb',
      f: 'no',
      g: 1.5,
      h: false,
    });
    expect(text).toBe(
      'a: "5432"\nb: "true"\nc: ""\nd: run --x=1 /p\ne: "a\\nb"\nf: "no"\ng: 1.5\nh: false\n',
    );
  });
});
