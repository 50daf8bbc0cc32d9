// Hostile input as property tests with generated data (fast-check): remote databags of both
// `opencti-connector` sides, the CrowdStrike connector given any platform data, config values of every
// option type, action params, and malformed hook-tool output. Nothing escapes as an uncaught error
// outside the documented path, and every refusal names the bad field or value.
import { checkProviderAppData, checkRequirerAppData } from '@ops-ts/opencti-connector';
import { checkActionParams, coerceOption, SimError } from '@ops-ts/sim';
import { Context, container, relation, secret, state } from '@ops-ts/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OpenctiCrowdstrikeConnectorCharm } from '../charms/opencti-crowdstrike-connector/src/connector.js';
import { configGet } from '../packages/ops/src/hooktools/config.js';
import { relationGet, relationIds, relationList } from '../packages/ops/src/hooktools/relation.js';
import { secretGet } from '../packages/ops/src/hooktools/secret.js';

const RUNS = 200;
/** Keys an attacker would try, mixed with arbitrary ones. */
const key = fc.oneof(
  fc.constantFrom(
    'opencti_url',
    'opencti_token',
    'connector_charm_name',
    'connector_type',
    '__proto__',
    'constructor',
  ),
  fc.string({ maxLength: 20 }),
);
const bag = fc.dictionary(key, fc.string({ maxLength: 60 }), { maxKeys: 6 });

describe('databag validators never throw, and name what is wrong', () => {
  it.each([
    ['requirer (platform) bag', checkRequirerAppData, ['opencti_url', 'opencti_token']],
    ['provider (connector) bag', checkProviderAppData, ['connector_charm_name', 'connector_type']],
  ] as const)('%s', (_name, check, required) => {
    fc.assert(
      fc.property(bag, (data) => {
        const result = check(data);
        if (result.ok) {
          for (const field of required) expect(typeof data[field]).toBe('string');
        } else {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems)
            expect(required.some((f) => problem.startsWith(f))).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the CrowdStrike connector given any platform data', () => {
  const charmcraft = new URL('../charms/opencti-crowdstrike-connector/charmcraft.yaml', import.meta.url);
  const token = secret({
    id: 'secret:cs0opencti0token0000',
    content: { token: 'the-token' },
    ownerApp: 'opencti',
  });
  it('ends in a status, never an uncaught error, and never shows the token', async () => {
    await fc.assert(
      fc.asyncProperty(bag, async (platform) => {
        const ctx = new Context(OpenctiCrowdstrikeConnectorCharm, { charmcraft });
        const rel = relation({
          endpoint: 'opencti-connector',
          remoteAppName: 'opencti',
          remoteAppData: platform,
          remoteUnitsData: { 0: {} },
        });
        const out = await ctx.run(
          ctx.on.configChanged(),
          state({
            leader: true,
            config: { 'crowdstrike-client-id': 'a', 'crowdstrike-client-secret': 'b' },
            relations: [rel],
            secrets: [token],
            containers: [container({ name: 'opencti-crowdstrike-connector', canConnect: true })],
          }),
        );
        expect(['active', 'waiting', 'blocked']).toContain(out.unitStatus.name);
        expect(JSON.stringify([ctx.trace, ctx.jujuLog, ctx.unitStatusHistory])).not.toContain('the-token');
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('config values of every option type (the simulator, as `juju config`)', () => {
  it.each(['string', 'int', 'float', 'boolean', 'secret'])(
    '%s: a value of the type, or a refusal naming the key',
    (type) => {
      fc.assert(
        fc.property(
          fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.double().map(String)),
          (raw) => {
            try {
              const value = coerceOption('opt', { type }, raw);
              if (type === 'int' || type === 'float') expect(typeof value).toBe('number');
              if (type === 'boolean') expect(typeof value).toBe('boolean');
            } catch (error) {
              expect(error).toBeInstanceOf(SimError);
              expect((error as Error).message).toContain('"opt"');
            }
          },
        ),
        // Names of Object.prototype members once took a prototype member for a value.
        { numRuns: RUNS, examples: [['__proto__'], ['constructor'], ['toString']] },
      );
    },
  );
});

describe('action params (the simulator, as `juju run`)', () => {
  const spec = {
    params: { length: { type: 'integer', minimum: 12 }, mode: { type: 'string', enum: ['a', 'b'] } },
    required: ['length'],
    additionalProperties: false,
  };
  it('checked values, or one refusal naming the param; no Node warning on stderr', () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message.split('\n')[0]}`);
    process.on('warning', onWarning);
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('length', 'mode', 'other', '__proto__'), fc.string({ maxLength: 10 })),
        (args) => {
          try {
            const params = checkActionParams('u/0', 'go', spec, args);
            expect(typeof params.length).toBe('number');
          } catch (error) {
            expect(error).toBeInstanceOf(SimError);
            expect((error as Error).message).toMatch(/"go"|param/);
          }
        },
      ),
      { numRuns: RUNS, examples: [[{ length: '!R4k' }], [{ length: '%foo', mode: '!!x' }]] },
    );
    process.off('warning', onWarning);
    expect(warnings).toEqual([]);
  });
});

describe('malformed hook-tool output', () => {
  const output = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.json({ maxDepth: 3 }),
    fc.constantFrom('', 'null', '[]', '{}', '"x"', '[1,"a",null]', '{"a":{"b":1}}', 'true'),
  );
  const parsers: [string, (stdout: string) => unknown][] = [
    ['relation-ids', (o) => relationIds(() => o, 'db')],
    ['relation-list', (o) => relationList(() => o, 'db', 1)],
    ['relation-get', (o) => relationGet(() => o, 'db', 1, 'app', true)],
    ['config-get', (o) => configGet(() => o)],
    ['secret-get', (o) => secretGet(() => o, { id: 'secret:x' })],
  ];
  it.each(parsers)('%s: a value of the right shape, or an error naming the tool', (tool, parse) => {
    fc.assert(
      fc.property(output, (stdout) => {
        try {
          const value = parse(stdout);
          if (tool === 'relation-ids')
            for (const id of value as number[]) expect(Number.isInteger(id)).toBe(true);
        } catch (error) {
          expect(error).not.toBeInstanceOf(TypeError);
          expect((error as Error).message).toContain(tool);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
