// Any Standard Schema validator (zod, valibot, ...) in loadConfig, loadParams and Relation.load; here a
// small one written to the spec (https://standardschema.dev), so the test needs no validator library.
import { Context, relation, state } from '@ops-ts/testing';
import { describe, expect, it } from 'vitest';
import {
  type ActionEvent,
  ActiveStatus,
  BlockedStatus,
  CharmBase,
  type Framework,
  type HookEvent,
  SchemaValidationError,
  type StandardSchemaV1,
} from '../src/index.js';

type Field = 'string' | 'number' | 'boolean';

/** A tiny object validator implementing Standard Schema v1. */
function object<T>(fields: Record<string, Field>, vendor = 'tiny'): StandardSchemaV1<unknown, T> {
  return {
    '~standard': {
      version: 1,
      vendor,
      validate(value) {
        const input = value as Record<string, unknown>;
        const issues = Object.entries(fields)
          .filter(([key, type]) => typeof input[key] !== type)
          .map(([key, type]) => ({
            message:
              input[key] === undefined ? 'Required' : `Expected ${type}, received ${typeof input[key]}`,
            path: [key],
          }));
        return issues.length > 0 ? { issues } : { value: input as T };
      },
    },
  };
}

const configSchema = object<{ port: number; logLevel: string }>({ port: 'number', logLevel: 'string' });

class SchemaCharm extends CharmBase {
  seen: unknown;
  constructor(framework: Framework) {
    super(framework);
    this.observe(this.on.configChanged, this.onConfig);
    this.observe(this.on.action('go'), this.onGo);
    this.observe(this.on.relationChanged('db'), this.onDb);
  }
  onConfig(_event: HookEvent): void {
    const config = this.loadConfig(configSchema, { errors: 'blocked' });
    this.unit.status = new ActiveStatus(`port ${config.port}, ${config.logLevel}`);
  }
  onGo(event: ActionEvent): void {
    const params = event.loadParams(object<{ count: number }>({ count: 'number' }), { errors: 'fail' });
    event.setResults({ doubled: params.count * 2 });
  }
  onDb(_event: HookEvent): void {
    const rel = this.model.getRelation('db');
    if (!rel?.app) return;
    try {
      const data = rel.load(
        rel.app,
        object<{ host: string; port: number }>({ host: 'string', port: 'number' }),
      );
      this.unit.status = new ActiveStatus(`${data.host}:${data.port}`);
    } catch (error) {
      if (!(error instanceof SchemaValidationError)) throw error;
      this.unit.status = new BlockedStatus(`bad db data: ${error.message}`);
    }
  }
}

const meta = {
  name: 'schema-charm',
  requires: { db: { interface: 'pg' } },
};
const config = { options: { port: { type: 'int', default: 80 }, 'log-level': { type: 'string' } } };
const actions = { go: { params: { count: { type: 'integer' } } } };
const ctx = () => new Context(SchemaCharm, { meta, config, actions });

describe('Standard Schema validators', () => {
  it('loadConfig: the validated, typed config (camelCase keys)', async () => {
    const c = ctx();
    const out = await c.run(c.on.configChanged(), state({ config: { 'log-level': 'debug' } }));
    expect(out.unitStatus).toEqual(new ActiveStatus('port 80, debug'));
  });

  it('loadConfig: issues name every failing field in one line (blocked)', async () => {
    const c = ctx();
    const out = await c.run(c.on.configChanged(), state());
    expect(out.unitStatus).toEqual(new BlockedStatus('Invalid config: logLevel: Required'));
  });

  it('loadParams: typed params; refused params fail the action with the issue', async () => {
    const c = ctx();
    await c.run(c.on.action('go', { count: 21 }), state());
    expect(c.actionOutput?.results).toEqual({ doubled: '42' });
  });

  it('Relation.load: a decoded, validated bag, or the failing fields', async () => {
    const c = ctx();
    const good = relation({
      endpoint: 'db',
      remoteAppName: 'pg',
      remoteAppData: { host: '"db.local"', port: '5432' },
    });
    let out = await c.run(c.on.relationChanged(good, { remoteUnit: null }), state({ relations: [good] }));
    expect(out.unitStatus).toEqual(new ActiveStatus('db.local:5432'));
    const bad = relation({
      endpoint: 'db',
      remoteAppName: 'pg',
      remoteAppData: { host: 'db.local', port: '"5432"' },
    });
    out = await c.run(c.on.relationChanged(bad, { remoteUnit: null }), state({ relations: [bad] }));
    expect(out.unitStatus).toEqual(new BlockedStatus('bad db data: port: Expected number, received string'));
  });

  it('refuses an asynchronous validator, naming it', () => {
    const asyncSchema: StandardSchemaV1 = {
      '~standard': { version: 1, vendor: 'slowlib', validate: async (v) => ({ value: v }) },
    };
    return import('../src/standard-schema.js').then(({ validateWith }) =>
      expect(() => validateWith(asyncSchema, {})).toThrow('the slowlib validator is asynchronous'),
    );
  });
});
