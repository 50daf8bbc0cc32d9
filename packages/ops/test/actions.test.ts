import { afterEach, describe, expect, it } from 'vitest';
import {
  type ActionEvent,
  ActionParamsError,
  type ActionResults,
  type BoundEvent,
  CharmBase,
  type CollectStatusEvent,
  type EventBase,
  type Framework,
  InvalidActionResultsError,
  type JsonObject,
} from '../src/index.js';
import { flattenActionResults, type ParamsValidator, schemaValidator } from '../src/runtime.js';
import { dispatchWith, type Reply } from './recorder.js';

const ACTIONS = `
backup:
  description: Back up the database.
  params:
    target:
      type: string
      minLength: 3
      maxLength: 10
      pattern: "^[a-z]+$"
    retries:
      type: integer
      minimum: 0
      maximum: 5
      default: 3
    ratio:
      type: number
      exclusiveMinimum: 0
    mode:
      type: string
      enum: [full, incremental]
      default: full
    verbose:
      type: boolean
    tags:
      type: array
      items:
        type: string
    options:
      type: object
      properties:
        level:
          type: integer
          maximum: 9
      required: [level]
      additionalProperties: false
  required: [target]
  additionalProperties: false
`;

/** Runs the `backup` action with these params, the handler being `body`. */
async function runBackup(
  params: JsonObject,
  body: (event: ActionEvent) => void,
  script: Record<string, Reply> = {},
) {
  class Charm extends CharmBase {
    constructor(fw: Framework) {
      super(fw);
      this.observe(this.on.action('backup'), this.onBackup);
    }
    onBackup(event: ActionEvent) {
      body(event);
    }
  }
  return dispatchWith(Charm, {
    path: 'actions/backup',
    actions: ACTIONS,
    env: { JUJU_ACTION_NAME: 'backup', JUJU_ACTION_UUID: '42' },
    script: { 'action-get': JSON.stringify(params), ...script },
  });
}

const actionTools = (tools: string[]) => tools.filter((t) => t.startsWith('action-'));

afterEach(() => {
  delete (globalThis as { __OPS_TS_ACTION_VALIDATORS__?: unknown }).__OPS_TS_ACTION_VALIDATORS__;
});

describe('action hook tools: argv', () => {
  it('params from action-get --format=json, with schema defaults filled in; read once per dispatch', async () => {
    let seen: JsonObject[] = [];
    const r = await runBackup({ target: 'db' + 'x' }, (event) => {
      seen = [event.params, event.params];
    });
    expect(r.code).toBe(0);
    expect(seen[0]).toEqual({ target: 'dbx', retries: 3, mode: 'full' });
    expect(seen[1]).not.toBe(seen[0]); // a fresh copy: observers cannot corrupt each other's params
    expect(r.argsOf('action-get')).toEqual([['--format=json']]);
  });

  it('setResults → action-set k=v with nested keys dotted; log and fail → action-log/-fail -- <msg>', async () => {
    const r = await runBackup({ target: 'abc' }, (event) => {
      event.log('starting');
      event.setResults({ size: 1024, ok: true, where: { host: 'db-0', path: '/srv/a=b' } });
      event.fail('disk full');
      event.fail();
    });
    expect(r.code).toBe(0);
    expect(r.argsOf('action-log')).toEqual([['--', 'starting']]);
    expect(r.argsOf('action-set')).toEqual([
      ['size=1024', 'ok=true', 'where.host=db-0', 'where.path=/srv/a=b'],
    ]);
    expect(r.argsOf('action-fail')).toEqual([
      ['--', 'disk full'],
      ['--', ''],
    ]);
  });

  it('setResults({}) runs no action-set', async () => {
    const r = await runBackup({ target: 'abc' }, (event) => event.setResults({}));
    expect(actionTools(r.tools())).toEqual([]);
  });

  it('event.name is the actions.yaml name and event.id the action uuid', async () => {
    let got: string[] = [];
    const r = await runBackup({ target: 'abc' }, (event) => {
      got = [event.name, event.id];
    });
    expect(r.code).toBe(0);
    expect(got).toEqual(['backup', '42']);
  });
});

describe('behaviour 28: action-set flattening and key validation', () => {
  it('test_action_set_nested: nested objects become dotted keys', () => {
    expect(flattenActionResults({ foo: { bar: 'baz', qux: { quux: 'x' } }, 'a.b': 1 })).toEqual({
      'foo.bar': 'baz',
      'foo.qux.quux': 'x',
      'a.b': '1',
    });
  });

  it('test_action_set_duplicated_keys: a key given twice after flattening is refused', () => {
    expect(() => flattenActionResults({ 'a.b': 1, a: { b: 2 } })).toThrow(
      /duplicate key detected in results passed to 'action-set': "a.b"/,
    );
  });

  const badKeys: [string, ActionResults, RegExp][] = [
    ['upper case', { Bad: 'x' }, /"Bad" is invalid/],
    ['underscore', { a_b: 'x' }, /"a_b" is invalid/],
    ['leading hyphen', { '-a': 'x' }, /"-a" is invalid/],
    ['trailing hyphen', { 'a-': 'x' }, /"a-" is invalid/],
    ['empty', { '': 'x' }, /"" is invalid/],
    ['space', { 'a b': 'x' }, /"a b" is invalid/],
    ['nested bad key', { ok: { Bad: 'x' } }, /"Bad" is invalid/],
    // ops's regex lets these through; Juju's per-segment rule does not
    ['empty segment', { 'a..b': 'x' }, /key "a..b": key "" must start and end with lowercase alphanumeric/],
    ['segment with leading hyphen', { 'a.-b': 'x' }, /key "-b" must start and end/],
    ['reserved stdout', { stdout: 'x' }, /cannot set reserved action key "stdout"/],
    ['reserved stderr-encoding', { 'stderr-encoding': 'x' }, /reserved action key "stderr-encoding"/],
    ['reserved as a parent', { stdout: { x: 'y' } }, /reserved action key "stdout"/],
    [
      'array value',
      { list: ['a'] as unknown as string },
      /"list" must be a string, number, boolean or object/,
    ],
  ];
  it.each(badKeys)(
    'test_action_set_key_validation: %s is refused before action-set runs',
    async (_n, results, msg) => {
      let caught: unknown;
      const r = await runBackup({ target: 'abc' }, (event) => {
        try {
          event.setResults(results);
        } catch (error) {
          caught = error;
        }
      });
      expect(caught).toBeInstanceOf(InvalidActionResultsError);
      expect((caught as Error).message).toMatch(msg);
      expect(r.argsOf('action-set')).toEqual([]);
    },
  );
});

describe('action params: the schema subset validator', () => {
  const validator = () => {
    const spec = {
      type: 'object' as const,
      properties: {
        target: { type: 'string' as const, minLength: 3, maxLength: 10, pattern: '^[a-z]+$' },
        retries: { type: 'integer' as const, minimum: 0, maximum: 5, default: 3 },
        ratio: { type: 'number' as const, exclusiveMinimum: 0 },
        mode: { type: 'string' as const, enum: ['full', 'incremental'], default: 'full' },
        verbose: { type: 'boolean' as const },
        tags: { type: 'array' as const, items: { type: 'string' as const } },
        options: {
          type: 'object' as const,
          properties: { level: { type: 'integer' as const, maximum: 9 } },
          required: ['level'],
          additionalProperties: false,
        },
      },
      required: ['target'],
      additionalProperties: false,
    };
    return schemaValidator(spec);
  };

  it('fills defaults and accepts valid params', () => {
    const params: JsonObject = {
      target: 'abc',
      verbose: true,
      tags: ['a'],
      options: { level: 2 },
      ratio: 0.5,
    };
    expect(validator()(params)).toEqual([]);
    expect(params).toEqual({ ...params, retries: 3, mode: 'full' });
  });

  const cases: [string, JsonObject, string, string, RegExp][] = [
    ['missing required', {}, 'target', 'required', /param "target" is required/],
    ['wrong type', { target: 5 }, 'target', 'type', /param "target" must be string, got integer 5/],
    [
      'integer given a fraction',
      { target: 'abc', retries: 1.5 },
      'retries',
      'type',
      /must be integer, got number 1.5/,
    ],
    [
      'above maximum',
      { target: 'abc', retries: 9 },
      'retries',
      'maximum',
      /param "retries" must be at most 5, got 9 \(maximum\)/,
    ],
    ['below minimum', { target: 'abc', retries: -1 }, 'retries', 'minimum', /must be at least 0, got -1/],
    [
      'exclusive minimum',
      { target: 'abc', ratio: 0 },
      'ratio',
      'exclusiveMinimum',
      /must be greater than 0, got 0/,
    ],
    ['too short', { target: 'ab' }, 'target', 'minLength', /at least 3 characters long, got 2: "ab"/],
    ['too long', { target: 'abcdefghijk' }, 'target', 'maxLength', /at most 10 characters long/],
    ['pattern', { target: 'ABC' }, 'target', 'pattern', /must match "\^\[a-z\]\+\$", got "ABC"/],
    [
      'enum',
      { target: 'abc', mode: 'partial' },
      'mode',
      'enum',
      /must be one of "full", "incremental", got "partial"/,
    ],
    ['boolean', { target: 'abc', verbose: 'yes' }, 'verbose', 'type', /must be boolean, got string "yes"/],
    ['array items', { target: 'abc', tags: ['a', 2] }, 'tags[1]', 'type', /param "tags\[1\]" must be string/],
    [
      'nested maximum',
      { target: 'abc', options: { level: 10 } },
      'options.level',
      'maximum',
      /"options.level" must be at most 9/,
    ],
    [
      'nested required',
      { target: 'abc', options: {} },
      'options.level',
      'required',
      /"options.level" is required/,
    ],
    [
      'nested additional',
      { target: 'abc', options: { level: 1, x: 1 } },
      'options.x',
      'additionalProperties',
      /"options.x" is not allowed/,
    ],
    [
      'unknown param',
      { target: 'abc', colour: 'red' },
      'colour',
      'additionalProperties',
      /param "colour" is not allowed/,
    ],
  ];
  it.each(cases)('%s: names the param and the rule', (_n, params, path, rule, msg) => {
    const problems = validator()(params);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path, rule });
    expect(problems[0]?.message).toMatch(msg);
    expect(problems[0]?.message).toContain(`(${rule})`);
  });

  it('a bad param fails event.params with ActionParamsError; only action-get ran', async () => {
    let caught: unknown;
    const r = await runBackup({ target: 'abc', retries: 9 }, (event) => {
      try {
        event.params;
      } catch (error) {
        caught = error;
      }
      // A handler that got past this would act; it must not.
    });
    expect(caught).toBeInstanceOf(ActionParamsError);
    expect((caught as Error).message).toBe(
      'invalid params for action "backup": param "retries" must be at most 5, got 9 (maximum)',
    );
    expect(actionTools(r.tools())).toEqual(['action-get']);
  });

  it('uncaught, it fails the action as any charm error: two stderr lines and exit 1', async () => {
    const r = await runBackup({ target: 'abc', retries: 9 }, (event) => {
      event.setResults({ retries: String(event.params.retries) });
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toEqual([
      'Uncaught ActionParamsError in charm code: invalid params for action "backup": param "retries" must be at most 5, got 9 (maximum)',
      'Use `juju debug-log` to see the full traceback.',
    ]);
    expect(actionTools(r.tools())).toEqual(['action-get']);
  });

  it("behaviour 33: loadParams(…, { errors: 'fail' }) → action-fail with the message, exit 0", async () => {
    const r = await runBackup({ target: 'ABC' }, (event) => {
      event.loadParams(undefined, { errors: 'fail' });
      event.setResults({ never: 'reached' });
    });
    expect(r.code).toBe(0);
    expect(r.argsOf('action-fail')).toEqual([
      ['--', 'invalid params for action "backup": param "target" must match "^[a-z]+$", got "ABC" (pattern)'],
    ]);
    expect(r.argsOf('action-set')).toEqual([]);
  });

  it('loadParams(parse) gives the handler its own type; a throwing parse fails the action', async () => {
    interface Backup {
      target: string;
      retries: number;
    }
    let typed: Backup | undefined;
    const ok = await runBackup({ target: 'abc' }, (event) => {
      typed = event.loadParams((p) => ({ target: String(p.target), retries: Number(p.retries) }));
    });
    expect(ok.code).toBe(0);
    expect(typed).toEqual({ target: 'abc', retries: 3 });

    const bad = await runBackup({ target: 'abc' }, (event) => {
      event.loadParams(
        () => {
          throw new RangeError('target must name a database');
        },
        { errors: 'fail' },
      );
    });
    expect(bad.code).toBe(0);
    expect(bad.argsOf('action-fail')).toEqual([['--', 'target must name a database']]);
  });

  it('a failing action-get stays an error even with errors: fail', async () => {
    const r = await runBackup(
      {},
      (event) => {
        event.loadParams(undefined, { errors: 'fail' });
      },
      { 'action-get': { stdout: '', stderr: 'ERROR not running an action\n', exitCode: 1 } },
    );
    expect(r.code).toBe(1);
    expect(r.argsOf('action-fail')).toEqual([]);
  });

  it('the ParamsValidator seam: a build-time validator for the action replaces the subset one', async () => {
    const calls: JsonObject[] = [];
    const built: ParamsValidator = (params) => {
      calls.push({ ...params });
      return [{ path: 'target', rule: 'format', message: 'param "target" must be a hostname (format)' }];
    };
    (globalThis as { __OPS_TS_ACTION_VALIDATORS__?: unknown }).__OPS_TS_ACTION_VALIDATORS__ = {
      backup: built,
    };
    let caught: unknown;
    await runBackup({ target: 'abc' }, (event) => {
      try {
        event.params;
      } catch (error) {
        caught = error;
      }
    });
    expect(calls).toEqual([{ target: 'abc' }]);
    expect((caught as ActionParamsError).problems).toEqual([
      { path: 'target', rule: 'format', message: 'param "target" must be a hostname (format)' },
    ]);
  });
});

describe('behaviour 28: events that cannot be deferred', () => {
  const metadata = 'name: test-charm\n';
  // Each case observes a different event class; the table erases them to EventBase.
  type Pick = (charm: CharmBase) => unknown;
  const cases: [string, string, Pick, Record<string, string>][] = [
    ['stop', 'hooks/stop', (c) => c.on.stop, {}],
    ['remove', 'hooks/remove', (c) => c.on.remove, {}],
    ['action', 'actions/backup', (c) => c.on.action('backup'), { JUJU_ACTION_NAME: 'backup' }],
    ['secret-rotate', 'hooks/secret-rotate', (c) => c.on.secretRotate, { JUJU_SECRET_ID: 'secret:x' }],
    [
      'secret-expired',
      'hooks/secret-expired',
      (c) => c.on.secretExpired,
      { JUJU_SECRET_ID: 'secret:x', JUJU_SECRET_REVISION: '1' },
    ],
    ['collect-status', 'hooks/update-status', (c) => c.on.collectUnitStatus, {}],
    ['pre-commit', 'hooks/update-status', (c) => c.framework.on.preCommit, {}],
    ['commit', 'hooks/update-status', (c) => c.framework.on.commit, {}],
  ];
  it.each(cases)('%s: defer() throws, the hook fails and nothing is queued', async (_n, path, pick, env) => {
    let message = '';
    class Charm extends CharmBase {
      constructor(fw: Framework) {
        super(fw);
        this.observe(pick(this) as BoundEvent<EventBase>, this.onEvent);
      }
      onEvent(event: EventBase | CollectStatusEvent) {
        try {
          event.defer();
        } catch (error) {
          message = (error as Error).message;
          throw error;
        }
      }
    }
    const r = await dispatchWith(Charm, { path, metadata, actions: ACTIONS, env });
    expect(r.code).toBe(1);
    expect(message).toMatch(/^cannot defer \w+Event/);
  });
});
