import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LayerError, Plan, parseLayerYaml } from '../src/index.js';
import { parseYaml, YamlSyntaxError } from '../src/yaml-parse.js';

// Pebble's own YAML (Go yaml.v3 Marshal, 4-space indentation), re-typed from canonical/pebble.
const pebbleOutputs: { source: string; yaml: string; expected: unknown }[] = [
  {
    source: 'canonical/pebble docs/specs/openapi.yaml (GET /v1/plan example)',
    yaml: 'services:\n    svc1:\n        startup: enabled\n        override: replace\n        command: foo\n',
    expected: { services: { svc1: { startup: 'enabled', override: 'replace', command: 'foo' } } },
  },
  {
    source: 'canonical/pebble internals/cli/cmd_plan_test.go (TestGetPlan)',
    yaml: 'services:\n    foo:\n        override: replace\n        command: cmd\n',
    expected: { services: { foo: { override: 'replace', command: 'cmd' } } },
  },
  {
    source: 'canonical/pebble internals/overlord/planstate/manager_test.go (empty plan)',
    yaml: '{}\n',
    expected: {},
  },
  {
    source: 'canonical/pebble internals/plan/plan_test.go (TestMarshalLayer)',
    yaml: [
      'summary: Simple layer',
      'description: A simple layer.',
      'services:',
      '    srv1:',
      '        summary: Service summary',
      '        startup: enabled',
      '        override: replace',
      '        command: cmd arg1 "arg2 arg3"',
      '        after:',
      '            - srv2',
      '        before:',
      '            - srv3',
      '        requires:',
      '            - srv2',
      '            - srv3',
      '        environment:',
      '            var0: val0',
      '            var1: val1',
      '            var2: val2',
      '        backoff-delay: 1s',
      '        backoff-factor: 1.5',
      '        backoff-limit: 10s',
      '    srv2:',
      '        override: replace',
      '        command: srv2cmd',
      '    srv3:',
      '        override: replace',
      '        command: srv3cmd',
      '',
    ].join('\n'),
    expected: {
      summary: 'Simple layer',
      description: 'A simple layer.',
      services: {
        srv1: {
          summary: 'Service summary',
          startup: 'enabled',
          override: 'replace',
          command: 'cmd arg1 "arg2 arg3"',
          after: ['srv2'],
          before: ['srv3'],
          requires: ['srv2', 'srv3'],
          environment: { var0: 'val0', var1: 'val1', var2: 'val2' },
          'backoff-delay': '1s',
          'backoff-factor': 1.5,
          'backoff-limit': '10s',
        },
        srv2: { override: 'replace', command: 'srv2cmd' },
        srv3: { override: 'replace', command: 'srv3cmd' },
      },
    },
  },
  {
    source: 'canonical/pebble internals/plan/plan_test.go (TestSectionOrder)',
    yaml: [
      'services:',
      '    srv1:',
      '        override: replace',
      '        command: cmd',
      'checks:',
      '    chk1:',
      '        override: replace',
      '        threshold: 3',
      '        exec:',
      '            command: ping 8.8.8.8',
      'log-targets:',
      '    lt1:',
      '        type: loki',
      '        location: http://192.168.1.2:3100/loki/api/v1/push',
      '        services: []',
      '        override: replace',
      '',
    ].join('\n'),
    expected: {
      services: { srv1: { override: 'replace', command: 'cmd' } },
      checks: { chk1: { override: 'replace', threshold: 3, exec: { command: 'ping 8.8.8.8' } } },
      'log-targets': {
        lt1: {
          type: 'loki',
          location: 'http://192.168.1.2:3100/loki/api/v1/push',
          services: [],
          override: 'replace',
        },
      },
    },
  },
  {
    source:
      'canonical/pebble internals/overlord/planstate/manager_test.go (TestLoadLayers, extension section)',
    yaml: [
      'services:',
      '    svc1:',
      '        summary: Svc1',
      '        override: replace',
      '        command: echo svc1',
      '    svc2:',
      '        summary: Svc2',
      '        override: replace',
      '        command: echo svc2',
      'test-field:',
      '    test1:',
      '        override: merge',
      '        a: something',
      '        b: something else',
      '',
    ].join('\n'),
    expected: {
      services: {
        svc1: { summary: 'Svc1', override: 'replace', command: 'echo svc1' },
        svc2: { summary: 'Svc2', override: 'replace', command: 'echo svc2' },
      },
      'test-field': { test1: { override: 'merge', a: 'something', b: 'something else' } },
    },
  },
  {
    source: 'canonical/pebble internals/overlord/planstate/manager_test.go (service args in brackets)',
    yaml: [
      'services:',
      '    svc1:',
      '        override: replace',
      '        command: foo [ -abc --xyz ]',
      '    svc2:',
      '        override: replace',
      '        command: foo [ --bar ]',
      '',
    ].join('\n'),
    expected: {
      services: {
        svc1: { override: 'replace', command: 'foo [ -abc --xyz ]' },
        svc2: { override: 'replace', command: 'foo [ --bar ]' },
      },
    },
  },
  {
    source: 'canonical/pebble internals/daemon/api_plan_test.go (TestLayersAddAppend)',
    yaml: [
      'services:',
      '    dynamic:',
      '        override: replace',
      '        command: echo dynamic',
      '    static:',
      '        override: replace',
      '        command: echo static',
      '',
    ].join('\n'),
    expected: {
      services: {
        dynamic: { override: 'replace', command: 'echo dynamic' },
        static: { override: 'replace', command: 'echo static' },
      },
    },
  },
  {
    // The same yaml.v3 writer, on `pebble check` output: a quoted number and a literal block scalar.
    source: 'canonical/pebble docs/reference/health-checks.md (pebble check chk1 output)',
    yaml: [
      'name: chk1',
      'startup: enabled',
      'status: up',
      'successes: 0',
      'failures: 1',
      'threshold: 3',
      'change-id: "1"',
      'logs: |',
      '    2025-03-13T10:04:40+08:00 ERROR non-2xx status code 500; Health check failed',
      '',
    ].join('\n'),
    expected: {
      name: 'chk1',
      startup: 'enabled',
      status: 'up',
      successes: 0,
      failures: 1,
      threshold: 3,
      'change-id': '1',
      logs: '2025-03-13T10:04:40+08:00 ERROR non-2xx status code 500; Health check failed\n',
    },
  },
  {
    // Comments, blank lines and `description: |` at 4-space indentation, as people write layers.
    source: 'canonical/pebble docs/reference/layer-specification.md (abridged)',
    yaml: [
      '# (Optional) A short one line summary of the layer',
      'summary: <summary>',
      '',
      '# (Optional) A full description of the configuration layer',
      'description: |',
      '    <description>',
      '',
      'services:',
      '',
      '    <service name>:',
      '',
      '        # (Required) Control how this service definition is combined',
      '        override: merge | replace',
      '',
      '        after:',
      '            - <other service name>',
      '',
      '        environment:',
      '            <env var name>: <env var value>',
      '',
    ].join('\n'),
    expected: {
      summary: '<summary>',
      description: '<description>\n',
      services: {
        '<service name>': {
          override: 'merge | replace',
          after: ['<other service name>'],
          environment: { '<env var name>': '<env var value>' },
        },
      },
    },
  },
  {
    // Pebble coerces these to strings when decoding into its Go types; a reader returns the YAML values.
    source:
      'canonical/pebble internals/plan/plan_test.go ("Handling of nulls and typed values in environment")',
    yaml: [
      'services:',
      '    srv1:',
      '        override: replace',
      '        command: cmd',
      '        environment:',
      '            a: true',
      '            b: 1.1',
      '            c:',
      '',
    ].join('\n'),
    expected: {
      services: { srv1: { override: 'replace', command: 'cmd', environment: { a: true, b: 1.1, c: null } } },
    },
  },
];

describe('parseYaml reads the YAML Pebble writes', () => {
  it.each(pebbleOutputs)('$source', ({ yaml, expected }) => {
    expect(parseYaml(yaml)).toEqual(expected);
  });

  it('builds a Plan from GET /v1/plan text', () => {
    const plan = new Plan(pebbleOutputs[4]?.yaml ?? '');
    expect(plan.checks.chk1?.threshold).toBe(3);
    expect(plan.logTargets.lt1?.services).toEqual([]);
  });
});

// Scalar and layout styles of yaml.v3, PyYAML (ops), the `yaml` package (our test server) and JSON.
const syntaxCases: { name: string; yaml: string; expected: unknown }[] = [
  {
    name: 'yaml.v3 quoting of strings that look like other types or indicators',
    yaml: 'environment:\n    A: "5432"\n    B: "true"\n    C: ""\n    D: \'- x\'\n    E: \'a: b\'\n    F: \'#x\'\n',
    expected: { environment: { A: '5432', B: 'true', C: '', D: '- x', E: 'a: b', F: '#x' } },
  },
  {
    name: 'yaml.v3 literal block scalars (clip, strip, keep, indentation indicator)',
    yaml: [
      'a: |',
      '    one',
      '    two',
      'b: |-',
      '    one',
      '',
      '    three',
      'c: |+',
      '    kept',
      '',
      'd: |4-',
      '      indented',
      '    back',
      'e: last',
      '',
    ].join('\n'),
    expected: { a: 'one\ntwo\n', b: 'one\n\nthree', c: 'kept\n\n', d: '  indented\nback', e: 'last' },
  },
  {
    name: 'folded block scalars',
    yaml: 'a: >\n  one\n  two\n\n  three\n    more\n  four\nb: >-\n  x\n',
    expected: { a: 'one two\nthree\n  more\nfour\n', b: 'x' },
  },
  {
    name: 'block scalar text that looks like YAML, comments included',
    yaml: 'a: |\n  b: c\n  # not a comment\n  - d\n# a comment\ne: 1\n',
    expected: { a: 'b: c\n# not a comment\n- d\n', e: 1 },
  },
  {
    name: 'PyYAML safe_dump layout (ops): 2 spaces, sequences at the key',
    yaml: [
      'services:',
      '  web:',
      '    after:',
      '    - db',
      '    - cache',
      '    command: /bin/run --port 80',
      '    environment:',
      "      PORT: '80'",
      '    override: replace',
      'summary: s',
      '',
    ].join('\n'),
    expected: {
      services: {
        web: {
          after: ['db', 'cache'],
          command: '/bin/run --port 80',
          environment: { PORT: '80' },
          override: 'replace',
        },
      },
      summary: 's',
    },
  },
  {
    name: 'sequences of mappings and of sequences',
    yaml: 'a:\n  - b: 1\n    c:\n    - x\n    d: 2\n  - - y\n    - z\n  -\n    e: 3\n  -\n',
    expected: { a: [{ b: 1, c: ['x'], d: 2 }, ['y', 'z'], { e: 3 }, null] },
  },
  {
    name: 'multi-line plain scalars fold (the `yaml` package wraps long lines)',
    yaml: 'command: /bin/sh -c "exec\n  something long" [ --x ]\n\n  second paragraph\nnext: 1\n',
    expected: { command: '/bin/sh -c "exec something long" [ --x ]\nsecond paragraph', next: 1 },
  },
  {
    name: 'multi-line quoted scalars fold, escapes and escaped line breaks',
    yaml: "a: \"one\n  two\n\n  three \\\n  \\ four\\t\\u00e9\\x41\\U0001F600\"\nb: 'it''s\n  folded'\n",
    expected: { a: 'one two\nthree  four\téA😀', b: "it's folded" },
  },
  {
    name: 'core-schema plain scalars',
    yaml: 'a: ~\nb: null\nc:\nd: True\ne: 0x1F\nf: 0o17\ng: -1.5e3\nh: .inf\ni: 010\nj: yes\nk: 1_000\nl: 1.2.3\n',
    expected: {
      ...{ a: null, b: null, c: null, d: true, e: 31, f: 15, g: -1500, h: Infinity, i: 10 },
      ...{ j: 'yes', k: '1_000', l: '1.2.3' },
    },
  },
  {
    name: 'JSON',
    yaml: '{\n\t"services": {"web": {"command": "run", "user-id": 1000, "after": ["db",\n "x"]}},\n  "summary":"s"\n}\n',
    expected: { services: { web: { command: 'run', 'user-id': 1000, after: ['db', 'x'] } }, summary: 's' },
  },
  {
    name: 'flow collections with plain scalars, comments, a trailing comma',
    yaml: 'a: {b: c, d: [1, two, "3"], e: } # comment\nf: [x, y,]\n',
    expected: { a: { b: 'c', d: [1, 'two', '3'], e: null }, f: ['x', 'y'] },
  },
  {
    name: 'document markers, CRLF, comments after values',
    yaml: '---\r\na: 1 # one\r\nb: "x" # two\r\n...\r\n',
    expected: { a: 1, b: 'x' },
  },
  { name: 'empty text', yaml: '', expected: null },
  { name: 'only comments', yaml: '# nothing\n\n', expected: null },
  {
    name: 'quoted keys, keys with spaces, tab after the colon',
    yaml: '"a b": 1\nc d:\t2\n\'e\': 3\n',
    expected: { 'a b': 1, 'c d': 2, e: 3 },
  },
];

describe('parseYaml reads the block YAML of other writers, and JSON', () => {
  it.each(syntaxCases)('$name', ({ yaml, expected }) => {
    expect(parseYaml(yaml)).toEqual(expected);
  });

  it.each([...pebbleOutputs, ...syntaxCases])('agrees with the `yaml` package: $yaml', ({ yaml }) => {
    expect(parseYaml(yaml)).toEqual(parse(yaml) ?? null);
  });

  it('keeps "__proto__" as an ordinary key', () => {
    const doc = parseYaml('__proto__:\n  polluted: true\n') as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

// Outside the subset: each must fail, naming the line, rather than be read as something else.
const malformed: { yaml: string; line: number; message: RegExp }[] = [
  { yaml: 'a: b: c\n', line: 1, message: /on the line of its key/ },
  { yaml: 'a: - b\n', line: 1, message: /block sequence/ },
  { yaml: 'a:\n\tb: 1\n', line: 2, message: /tab/ },
  { yaml: 'a:\n  b: 1\n c: 2\n', line: 3, message: /indentation/ },
  { yaml: 'a:\n  - x\n  y: 1\n', line: 3, message: /indentation/ },
  { yaml: 'a:\n  - x\n - y\n', line: 3, message: /indentation/ },
  { yaml: '- a\nb: 1\n', line: 2, message: /unexpected content/ },
  { yaml: 'a: 1\nb\n', line: 2, message: /mapping entry/ },
  { yaml: 'a: x\n  b: 1\n', line: 2, message: /multi-line plain/ },
  { yaml: 'a: 1\na: 2\n', line: 2, message: /already defined/ },
  { yaml: 'a: &x 1\n', line: 1, message: /anchors/ },
  { yaml: 'a: 1\nb: *x\n', line: 2, message: /aliases/ },
  { yaml: 'a: !!str 1\n', line: 1, message: /tags/ },
  { yaml: '%YAML 1.2\n---\na: 1\n', line: 1, message: /directives/ },
  { yaml: '? a\n: b\n', line: 1, message: /complex/ },
  { yaml: 'a: 1\n---\nb: 2\n', line: 2, message: /one YAML document/ },
  { yaml: 'a: "x\nb: 1\n', line: 1, message: /unterminated/ },
  { yaml: 'a:\n  b: "x\nc: 1"\n', line: 3, message: /not indented enough/ },
  { yaml: 'a: "x" y\n', line: 1, message: /unexpected text/ },
  { yaml: 'a: "\\q"\n', line: 1, message: /invalid escape/ },
  { yaml: 'a: 1\nb: "\u0001"\n', line: 2, message: /U\+0001/ },
  { yaml: 'a: "line\u2028sep"\n', line: 1, message: /U\+2028/ },
  { yaml: 'a: |x\n  b\n', line: 1, message: /unexpected text/ },
  { yaml: 'a: |\n\n    b\n  c\n', line: 4, message: /indentation/ },
  { yaml: 'a: |\n      \n    b\n', line: 3, message: /leading empty lines/ },
  { yaml: '{"a": 1\n', line: 1, message: /unterminated flow/ },
  { yaml: '{"a": 1 "b": 2}\n', line: 1, message: /expected "," or "}"/ },
  { yaml: '[a: b]\n', line: 1, message: /single-pair/ },
  { yaml: '{a, b}\n', line: 1, message: /expected ":"/ },
  { yaml: '{a: 1}: x\n', line: 1, message: /unexpected text/ },
  { yaml: 'a: [1,\n2]\n', line: 2, message: /not indented enough/ },
];

describe('parseYaml refuses what it does not support', () => {
  it.each(malformed)('$yaml', ({ yaml, line, message }) => {
    let error: unknown;
    try {
      parseYaml(yaml);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(YamlSyntaxError);
    expect((error as YamlSyntaxError).line).toBe(line);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(new RegExp(`^line ${line}: `));
  });

  it('surfaces as LayerError from parseLayerYaml and Plan, with the label and line', () => {
    expect(() => parseLayerYaml('services:\n  a: &x {}\n', 'base')).toThrow(
      new LayerError('cannot parse layer "base": line 2: anchors are not supported'),
    );
    expect(() => new Plan('services:\n    a:\n        command: x: y\n')).toThrow(LayerError);
    expect(() => new Plan('services:\n    a:\n        command: x: y\n')).toThrow(/"plan": line 3: /);
  });
});
