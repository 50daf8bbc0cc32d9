/** `relation-get [options] <key> <unit id>`: read a unit or application relation bag. */
import { boolFlag, checkEmpty } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import type { HookContext } from '../hook-context.js';
import { isValidApplicationName, isValidUnitName, unitApp } from '../ids.js';
import { relationFlag, relationIdFrom } from '../relation-flag.js';
import type { Bag, Relation } from '../state.js';
import { defineTool } from '../tool.js';

interface RelationGet {
  relationId: number;
  key: string;
  target: string;
  app: boolean;
}

/** The relation-get tool. */
export const relationGet = defineTool<RelationGet>({
  name: 'relation-get',
  args: '<key> <unit id>',
  purpose: 'Get relation settings.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  flags: (ctx) => [
    relationFlag(ctx),
    {
      names: ['app'],
      kind: 'bool',
      usage: 'Get the relation data for the overall application, not just a unit',
    },
  ],
  init: (ctx, parsed) => {
    const relationId = relationIdFrom(parsed);
    if (relationId === -1) throw new UsageError('no relation id specified');
    const args = [...parsed.positionals];
    let key = args.shift() ?? '';
    if (key === '-') key = '';
    let app = boolFlag(parsed, 'app');
    let target = '';
    const supplied = args.shift();
    if (supplied !== undefined) {
      if (app) {
        // An invalid name stays '' and the controller refuses the read.
        if (isValidApplicationName(supplied)) target = supplied;
        else if (isValidUnitName(supplied)) target = unitApp(supplied);
      } else if (!isValidUnitName(supplied)) {
        if (isValidApplicationName(supplied)) {
          throw new UsageError(`expected unit name, got application name "${supplied}"`);
        }
        throw new UsageError(`invalid unit name "${supplied}"`);
      } else {
        target = supplied;
      }
    } else if (app) {
      if (!ctx.remoteApp) throw new UsageError('no unit or application specified');
      target = ctx.remoteApp;
    } else if (ctx.remoteUnit) {
      target = ctx.remoteUnit;
    } else if (ctx.remoteApp) {
      target = ctx.remoteApp;
      app = true;
    } else {
      throw new UsageError('no unit or application specified');
    }
    checkEmpty(args);
    return { relationId, key, target, app };
  },
  run: (ctx, cmd) => {
    const relation = ctx.relation(cmd.relationId);
    if (!relation) throw new RunError('relation not found');
    const settings = readSettings(ctx, relation, cmd);
    if (cmd.key === '') return { value: settings };
    return { value: settings[cmd.key] ?? null };
  },
});

function readSettings(ctx: HookContext, relation: Relation, cmd: RelationGet): Bag {
  if (cmd.target === ctx.options.unit) return ctx.ownUnitBag(relation.id);
  if (cmd.target === ctx.app.name && ctx.isLeader()) {
    return cmd.app ? ctx.ownAppBag(relation.id) : ctx.ownUnitBag(relation.id);
  }
  return controllerRead(ctx, relation, cmd.target, cmd.app);
}

/** A read the controller answers: permission-checked, then cached for the rest of the hook. */
function controllerRead(ctx: HookContext, relation: Relation, target: string, app: boolean): Bag {
  const cacheKey = `${relation.id}/${app ? 'app' : 'unit'}/${target}`;
  const cached = ctx.remoteCache[cacheKey];
  if (cached) return { ...cached };
  const apps = relation.endpoints.map((e) => e.app);
  let bag: Bag | undefined;
  if (app) {
    const ownApp = target === ctx.app.name;
    // A non-leader may read its own app bag only in a peer relation.
    const allowed = apps.includes(target) && (!ownApp || relation.kind === 'peer');
    bag = allowed ? relation.appData[target] : undefined;
  } else if (apps.includes(unitApp(target))) {
    bag = relation.unitData[target];
  }
  if (!bag) throw new RunError('permission denied');
  ctx.remoteCache[cacheKey] = { ...bag };
  return { ...bag };
}
