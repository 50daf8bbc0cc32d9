/** Applies a hook's buffered changes to the model in one step (Juju's CommitHookChanges). */
import { addStorage } from './builders.js';
import type { StateChange } from './changes.js';
import type { HookContext } from './hook-context.js';
import { applyDelta } from './pending.js';
import type { Bag, OpenedPort, Secret } from './state.js';

/** The controller refused the commit; nothing was applied and the hook counts as failed. */
export class CommitError extends Error {}

function sameBag(a: Readonly<Bag>, b: Readonly<Bag>): boolean {
  const ak = Object.keys(a);
  return ak.length === Object.keys(b).length && ak.every((k) => a[k] === b[k]);
}

/** Validates, then applies `ctx.pending` to `ctx.state`; returns what changed. */
export function applyPending(ctx: HookContext): StateChange[] {
  validate(ctx);
  const changes: StateChange[] = [];
  applyRelationData(ctx, changes);
  applyCharmState(ctx, changes);
  applyPorts(ctx, changes);
  applyStorage(ctx, changes);
  applySecrets(ctx, changes);
  if (ctx.pending.reboot) {
    ctx.unit.rebootRequested = 'after-hook';
    changes.push({ kind: 'reboot', unit: ctx.unit.name, now: false });
  }
  return changes;
}

function validate(ctx: HookContext): void {
  const { state, pending } = ctx;
  for (const [id, create] of Object.entries(pending.secretCreates)) {
    if (!create.label) continue;
    const clash = Object.values(state.secrets).find(
      (s) =>
        s.id !== id &&
        s.owner.kind === create.owner.kind &&
        s.owner.name === create.owner.name &&
        (pending.secretUpdates[s.id]?.label ?? s.label) === create.label,
    );
    if (clash) throw new CommitError(`secret with label "${create.label}" already exists`);
  }
}

function applyRelationData(ctx: HookContext, changes: StateChange[]): void {
  const { state, pending } = ctx;
  const unit = ctx.options.unit;
  for (const [id, delta] of Object.entries(pending.unitData)) {
    const rel = state.relations[id];
    if (!rel) continue;
    const before = rel.unitData[unit] ?? {};
    const after = applyDelta(before, delta);
    if (sameBag(before, after)) continue;
    rel.unitData[unit] = after;
    changes.push({ kind: 'relation-data', relationId: rel.id, app: ctx.app.name, unit });
  }
  for (const [id, delta] of Object.entries(pending.appData)) {
    const rel = state.relations[id];
    if (!rel) continue;
    const before = rel.appData[ctx.app.name] ?? {};
    const after = applyDelta(before, delta);
    if (sameBag(before, after)) continue;
    rel.appData[ctx.app.name] = after;
    changes.push({ kind: 'relation-data', relationId: rel.id, app: ctx.app.name });
  }
}

function applyCharmState(ctx: HookContext, changes: StateChange[]): void {
  const before = ctx.unit.charmState;
  const after = applyDelta(before, ctx.pending.charmState);
  if (sameBag(before, after)) return;
  ctx.unit.charmState = after;
  changes.push({ kind: 'charm-state', unit: ctx.unit.name });
}

function samePort(a: OpenedPort, b: OpenedPort): boolean {
  return a.protocol === b.protocol && a.fromPort === b.fromPort && a.toPort === b.toPort;
}

function applyPorts(ctx: HookContext, changes: StateChange[]): void {
  const unit = ctx.unit;
  let ports = [...unit.openedPorts];
  for (const { op, port } of ctx.pending.ports) {
    if (op === 'open') {
      if (!ports.some((p) => samePort(p, port) && p.endpoint === port.endpoint)) ports.push({ ...port });
    } else {
      // Closing on all endpoints ('*') closes the range everywhere.
      ports = ports.filter(
        (p) => !(samePort(p, port) && (port.endpoint === '*' || p.endpoint === port.endpoint)),
      );
    }
  }
  const key = (list: OpenedPort[]) =>
    list
      .map((p) => `${p.endpoint}|${p.protocol}|${p.fromPort}|${p.toPort}`)
      .sort()
      .join(',');
  if (key(ports) === key(unit.openedPorts)) return;
  unit.openedPorts = ports;
  changes.push({ kind: 'ports', unit: unit.name });
}

function applyStorage(ctx: HookContext, changes: StateChange[]): void {
  const ids: string[] = [];
  for (const { name, count } of ctx.pending.storageAdds) {
    for (let i = 0; i < count; i++) ids.push(addStorage(ctx.state, ctx.unit.name, name).id);
  }
  if (ids.length > 0) changes.push({ kind: 'storage-added', unit: ctx.unit.name, storageIds: ids });
}

function applySecrets(ctx: HookContext, changes: StateChange[]): void {
  const { state, pending } = ctx;
  const now = ctx.now().toISOString();
  for (const [id, create] of Object.entries(pending.secretCreates)) {
    const secret: Secret = {
      id,
      owner: { ...create.owner },
      revisions: [
        {
          revision: 1,
          content: { ...create.content },
          createdAt: now,
          expireTime: create.expireTime ?? null,
        },
      ],
      latestRevision: 1,
      label: create.label ?? null,
      description: create.description ?? null,
      rotatePolicy: create.rotatePolicy ?? null,
      nextRotateTime: null,
      grants: [],
      consumers: {},
    };
    state.secrets[id] = secret;
    changes.push({ kind: 'secret-created', secretId: id });
  }
  for (const [id, update] of Object.entries(pending.secretUpdates)) {
    const secret = state.secrets[id];
    if (!secret) continue;
    let metaChanged = false;
    if (update.label !== undefined && update.label !== secret.label) {
      secret.label = update.label;
      metaChanged = true;
    }
    if (update.description !== undefined && update.description !== secret.description) {
      secret.description = update.description;
      metaChanged = true;
    }
    if (update.rotatePolicy !== undefined && update.rotatePolicy !== secret.rotatePolicy) {
      secret.rotatePolicy = update.rotatePolicy;
      metaChanged = true;
    }
    const latest = secret.revisions.find((r) => r.revision === secret.latestRevision);
    // Juju 3.6: identical content does not make a new revision.
    if (update.content && !(latest && sameBag(latest.content, update.content))) {
      secret.latestRevision += 1;
      secret.revisions.push({
        revision: secret.latestRevision,
        content: { ...update.content },
        createdAt: now,
        expireTime: update.expireTime ?? null,
      });
      changes.push({ kind: 'secret-revision', secretId: id, revision: secret.latestRevision });
    } else if (update.expireTime !== undefined && latest) {
      latest.expireTime = update.expireTime;
      metaChanged = true;
    }
    if (metaChanged) changes.push({ kind: 'secret-metadata', secretId: id });
  }
  for (const { id, revision } of pending.secretRemoves) {
    const secret = state.secrets[id];
    if (!secret) continue;
    if (revision === null) {
      delete state.secrets[id];
    } else {
      secret.revisions = secret.revisions.filter((r) => r.revision !== revision);
      if (secret.revisions.length === 0) delete state.secrets[id];
    }
    changes.push({ kind: 'secret-removed', secretId: id, revision });
  }
  for (const access of pending.secretAccess) {
    const secret = state.secrets[access.id];
    if (!secret) continue;
    if (access.op === 'grant') {
      const exists = secret.grants.some(
        (g) => g.target === access.target && g.relationId === access.relationId,
      );
      if (!exists && access.relationId !== null) {
        secret.grants.push({ target: access.target, relationId: access.relationId, role: 'view' });
      }
    } else {
      secret.grants = secret.grants.filter(
        (g) =>
          !(
            (g.target === access.target || g.target.startsWith(`${access.target}/`)) &&
            (access.relationId === null || g.relationId === access.relationId)
          ),
      );
    }
    changes.push({
      kind: 'secret-access',
      secretId: access.id,
      op: access.op,
      target: access.target,
      relationId: access.relationId,
    });
  }
  for (const [id, tracking] of Object.entries(pending.secretTracking)) {
    const secret = state.secrets[id];
    if (!secret) continue;
    const unit = ctx.unit.name;
    const before = secret.consumers[unit] ?? { revision: 0, label: null };
    // `secret-get --refresh` of a pending update tracks the revision this commit just made.
    const revision = tracking.latest ? secret.latestRevision : (tracking.revision ?? before.revision);
    const after = { revision, label: tracking.label ?? before.label };
    if (after.revision === before.revision && after.label === before.label) continue;
    secret.consumers[unit] = after;
    changes.push({ kind: 'secret-tracking', secretId: id, unit, revision: after.revision });
  }
}
