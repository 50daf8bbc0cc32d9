// `ops-ts build` ships action params validators generated at build time with ajv's standalone mode: what
// ends up in the bundle (generated code and ajv's small runtime helpers, never the compiler; nothing at
// all for a charm without actions) and what the shipped validators tell the user.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCharm, type CharmProject, loadProject } from '@ops-ts/cli';
import type { JsonObject } from '@ops-ts/ops';
import type { ParamsValidator } from '@ops-ts/ops/runtime';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ActionSchemaError } from '../packages/cli/src/action-schema.js';
import { actionValidatorOptions } from '../packages/cli/src/action-validators-plugin.js';

const root = new URL('..', import.meta.url).pathname;
const keeper = loadProject(join(root, 'examples/secret-keeper'));

/** The keeper's sources with another charmcraft.yaml, built into a temporary dist/. */
async function buildVariant(charmcraft: Record<string, unknown>) {
  const project: CharmProject = { ...keeper, charmcraft, dir: mkdtempSync(join(tmpdir(), 'ops-ts-build-')) };
  const result = await buildCharm(project);
  return { ...result, text: readFileSync(result.bundle, 'utf8') };
}

/** The seam's value once a bundle with the validators (and an empty charm entry) has loaded. */
async function shippedValidators(actions: Record<string, unknown>): Promise<Record<string, ParamsValidator>> {
  const entry = join(mkdtempSync(join(tmpdir(), 'ops-ts-validators-')), 'charm.js');
  writeFileSync(entry, 'export {};\n');
  const out = await build({
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
    ...actionValidatorOptions(actions, entry),
  });
  const seam = globalThis as { __OPS_TS_ACTION_VALIDATORS__?: Record<string, ParamsValidator> };
  new Function('require', out.outputFiles[0]?.text ?? '')(createRequire(import.meta.url));
  const validators = seam.__OPS_TS_ACTION_VALIDATORS__ ?? {};
  delete seam.__OPS_TS_ACTION_VALIDATORS__;
  return validators;
}

describe('build-time action validators', () => {
  it('ships generated code and ajv runtime helpers only, never the ajv compiler', async () => {
    const withActions = await buildVariant({
      ...keeper.charmcraft,
      actions: {
        ...(keeper.charmcraft.actions as object),
        tag: { params: { name: { type: 'string', minLength: 2, pattern: '^[a-z]+$' } }, required: ['name'] },
      },
    });
    const modules = withActions.modules;
    expect(modules).toEqual(
      expect.arrayContaining([
        'ops-ts-action-validators:adapter',
        'ops-ts-action-validators:action:rotate-password',
        'ops-ts-action-validators:action:tag',
        'ops-ts-action-validators:index',
        // minLength makes the generated code need ajv's ucs2length helper, shipped as an ES module.
        'ops-ts-action-validators:runtime:ajv/dist/runtime/ucs2length',
      ]),
    );
    // No lazy-initialisation wrappers: module bodies run once, in order, as in a plain bundle.
    expect(withActions.text).not.toMatch(/__esm\(/);
    expect(modules.filter((m) => m.includes('node_modules'))).toEqual([]);
    expect(withActions.text).not.toMatch(
      /new Ajv|ajv\/dist\/(compile|core|vocabularies)|fast-uri|__commonJS\(/,
    );

    const without = { ...keeper.charmcraft };
    delete without.actions;
    const noActions = await buildVariant(without);
    expect(noActions.text).not.toMatch(/ajv|ops-ts-action-validators|vErrors|validate\d+/);
    // Generated code for rotate-password and tag plus the adapter: a few KiB, not ajv's ~120 KiB.
    expect(withActions.bundleBytes - noActions.bundleBytes).toBeLessThan(12_000);
  });

  it('fills defaults in place and names each param with ajv messages', async () => {
    const validators = await shippedValidators(keeper.charmcraft.actions as Record<string, unknown>);
    const rotate = validators['rotate-password'];
    if (!rotate) throw new Error('no rotate-password validator');
    const params: JsonObject = {};
    expect(rotate(params)).toEqual([]);
    expect(params).toEqual({ length: 24, charset: 'alnum' });
    expect(rotate({ length: 8, size: 1 })).toEqual([
      {
        path: 'size',
        rule: 'additionalProperties',
        message: 'param "size" is not allowed: the schema declares no such param (additionalProperties)',
      },
      { path: 'length', rule: 'minimum', message: 'param "length" must be >= 16, got 8 (minimum)' },
    ]);
  });

  it('covers nested params, arrays, required params, draft-4 bounds and code-point lengths', async () => {
    const { deploy } = await shippedValidators({
      deploy: {
        params: {
          name: { type: 'string', minLength: 3 },
          replicas: { type: 'integer', minimum: 0, exclusiveMinimum: true },
          options: {
            type: 'object',
            properties: { level: { type: 'string', enum: ['low', 'high'], default: 'low' } },
            additionalProperties: false,
          },
          hosts: { type: 'array', items: { type: 'string', pattern: '^[a-z.]+$' } },
          // Needs ajv's `equal` helper (fast-deep-equal), bundled with it as an ES module.
          volumes: { type: 'array', uniqueItems: true },
        },
        required: ['name'],
      },
    });
    if (!deploy) throw new Error('no deploy validator');
    const messages = (params: JsonObject) => deploy(params).map((p) => p.message);
    expect(messages({})).toEqual(['param "name" is required (required)']);
    // Two code points, four UTF-16 units: too short, as JSON Schema counts.
    expect(messages({ name: '😀😀' })).toEqual([
      'param "name" must NOT have fewer than 3 characters, got "😀😀" (minLength)',
    ]);
    expect(messages({ name: 'web', replicas: 0 })).toEqual([
      'param "replicas" must be > 0, got 0 (exclusiveMinimum)',
    ]);
    expect(messages({ name: 'web', options: { level: 'max' }, hosts: ['a.b', 'C'] })).toEqual([
      'param "options.level" must be equal to one of the allowed values: "low", "high", got "max" (enum)',
      'param "hosts[1]" must match pattern "^[a-z.]+$", got "C" (pattern)',
    ]);
    expect(messages({ name: 'web', volumes: [{ size: 1 }, { size: 1 }] })).toEqual([
      'param "volumes" must NOT have duplicate items (items ## 0 and 1 are identical) (uniqueItems)',
    ]);
    const params: JsonObject = { name: 'web', options: {} };
    expect(deploy(params)).toEqual([]);
    expect(params.options).toEqual({ level: 'low' });
  });

  it('fails the build on a schema ajv cannot compile, naming the action', () => {
    expect(() =>
      actionValidatorOptions({ backup: { params: { to: { type: 'strin' } } } }, 'src/charm.ts'),
    ).toThrow(ActionSchemaError);
    expect(() =>
      actionValidatorOptions({ backup: { params: { to: { type: 'strin' } } } }, 'src/charm.ts'),
    ).toThrow(/^action "backup" has an invalid params schema: schema is invalid: .*type/);
    expect(actionValidatorOptions(undefined, 'src/charm.ts')).toEqual({});
    expect(actionValidatorOptions({}, 'src/charm.ts')).toEqual({});
  });
});
