/** Shared test fixture: a small model built fresh for every test (no shared mutable state). */

import type { ModelState, ToolResult } from '../src/index.js';
import {
  addApplication,
  addRelation,
  beginHook,
  type HookContext,
  type HookOptions,
  newModel,
  runTool,
} from '../src/index.js';

/** A model with `myapp` (2 units, leader myapp/0), `postgresql` (2 units), db:3 and cluster:1. */
export function makeWorld(): ModelState {
  const state = newModel({ name: 'test', uuid: '00000000-0000-4000-8000-000000000000', type: 'kubernetes' });
  addApplication(state, 'myapp', {
    units: 2,
    metadata: {
      name: 'myapp',
      requires: { db: { interface: 'pgsql' } },
      provides: { website: { interface: 'http' } },
      peers: { cluster: { interface: 'myapp-peers' } },
      'extra-bindings': { metrics: null },
      storage: { data: { type: 'filesystem', location: '/srv/data' } },
    },
    configOptions: {
      port: { type: 'int', default: 8080 },
      name: { type: 'string', default: 'hello' },
      ratio: { type: 'float', default: 1.5 },
      debug: { type: 'boolean', default: false },
      token: { type: 'string' },
    },
    resources: { 'workload-image': '/var/lib/juju/resources/workload-image' },
  });
  addApplication(state, 'postgresql', {
    units: 2,
    metadata: { name: 'postgresql', provides: { database: { interface: 'pgsql' } } },
  });
  addRelation(state, { app: 'myapp', endpoint: 'cluster' }, undefined, { id: 1 });
  addRelation(
    state,
    { app: 'myapp', endpoint: 'db' },
    { app: 'postgresql', endpoint: 'database' },
    {
      id: 3,
      appData: { postgresql: { endpoints: 'pg:5432' }, myapp: { database: 'app' } },
      unitData: { 'postgresql/0': { host: 'pg-0', multi: 'pew\npew\n' }, 'myapp/0': { mine: 'yes' } },
    },
  );
  return state;
}

/** Starts a hook on `unit` (default myapp/0). */
export function hook(state: ModelState, opts: Partial<HookOptions> = {}): HookContext {
  return beginHook(state, {
    unit: 'myapp/0',
    hookName: 'start',
    now: () => new Date('2025-01-02T03:04:05Z'),
    ...opts,
  });
}

/** A db-relation-changed hook for postgresql/0 on `unit`. */
export function dbHook(state: ModelState, opts: Partial<HookOptions> = {}): HookContext {
  return hook(state, { hookName: 'db-relation-changed', relationId: 3, remoteUnit: 'postgresql/0', ...opts });
}

/** Runs a tool from a command line split on spaces (use runTool for arguments with spaces). */
export function sh(ctx: HookContext, line: string, stdin?: string): ToolResult {
  const [tool, ...args] = line.split(' ').filter((w) => w !== '');
  return runTool(ctx, tool!, args, stdin);
}

/** A successful result with this stdout. */
export function ok(stdout = ''): ToolResult {
  return { stdout, stderr: '', exitCode: 0 };
}

/** A failed result with `ERROR <msg>`. */
export function err(message: string, exitCode: number): ToolResult {
  return { stdout: '', stderr: `ERROR ${message}\n`, exitCode };
}
