// Secrets: owned and observed, events, grants; the rules are packages/juju's.
import { describe, expect, it } from 'vitest';
import { getSecret, relation, secret } from '../src/index.js';
import { sink } from './helpers.js';

const ID = 'secret:0123456789abcdefghij';

describe('secrets', () => {
  it('secret-changed: refresh moves tracking to the latest revision', async () => {
    const ctx = sink();
    const s = secret({ id: ID, trackedContent: { password: 'old' }, latestContent: { password: 'new' } });
    expect([s.trackedRevision, s.latestRevision]).toEqual([1, 2]);
    const out = await ctx.run(ctx.on.secretChanged(s), { secrets: [s] });
    expect(out.storedStates.find((x) => x.name === 'stored')?.content.secretValue).toBe('new');
    expect(getSecret(out, { id: ID })).toMatchObject({
      owner: null,
      trackedRevision: 2,
      trackedContent: { password: 'new' },
    });
  });

  it('an observed secret granted over a relation with its owner', async () => {
    const ctx = sink();
    const rel = relation({ endpoint: 'db', remoteAppName: 'vault' });
    const s = secret({
      id: ID,
      ownerApp: 'vault',
      content: { password: 'p' },
      latestContent: { password: 'q' },
    });
    const out = await ctx.run(ctx.on.secretChanged(s), { secrets: [s], relations: [rel] });
    expect(getSecret(out, { id: ID }).trackedContent).toEqual({ password: 'q' });
  });

  it('secret-rotate: the owner (leader) sets new content, a new revision', async () => {
    const ctx = sink();
    const s = secret({ id: ID, owner: 'app', content: { password: 'pw' }, label: 'admin' });
    const out = await ctx.run(ctx.on.secretRotate(s), { leader: true, secrets: [s] });
    expect(getSecret(out, { label: 'admin' })).toMatchObject({
      owner: 'app',
      latestRevision: 2,
      latestContent: { password: 'rotated' },
      trackedContent: { password: 'pw' },
    });
  });

  it('secret-rotate as a non-leader on an app secret fails the hook', async () => {
    const ctx = sink();
    const s = secret({ id: ID, owner: 'app', content: { password: 'pw' } });
    await expect(ctx.run(ctx.on.secretRotate(s), { secrets: [s] })).rejects.toThrow(
      /not the leader|permission/,
    );
  });

  it('a secret the charm adds and grants appears in the output with its grant', async () => {
    const ctx = sink();
    const rel = relation({ endpoint: 'db', remoteAppName: 'pg' });
    const out = await ctx.run(ctx.on.configChanged(), {
      leader: true,
      config: { mode: 'secret' },
      relations: [rel],
    });
    const added = getSecret(out, { label: 'admin' });
    expect(added).toMatchObject({
      owner: 'app',
      latestContent: { password: 'pw' },
      remoteGrants: { [rel.id]: ['pg'] },
    });
    expect(added.id).toMatch(/^secret:[0-9a-v]{20}$/);
    const argv = ctx.lastRun?.trace.find((c) => c.tool === 'secret-add')?.args ?? [];
    // Content never travels on argv.
    expect(argv.join(' ')).not.toContain('pw');
  });
});
