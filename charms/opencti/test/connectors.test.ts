// Connector management against the fake OpenCTI: users, groups, token secrets, deactivation, and the
// cases beyond upstream (relation-broken at once, one user per application, missing group, API failures,
// invalid connector data).
import type { FakeOpencti } from '@ops-ts/fake-opencti';
import { ActiveStatus, BlockedStatus, WaitingStatus } from '@ops-ts/ops';
import { getRelation, getSecret, type RegularRelation, type State } from '@ops-ts/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, connector, context, fakeOpencti, HEALTH_KEY, PUBLIC_URL, world } from './fixtures.js';

let fake: FakeOpencti;
beforeEach(async () => {
  fake = await fakeOpencti();
});
afterEach(() => fake.close());

const crowdstrike = () => connector('crowdstrike', undefined, { id: 11 });
const user = (name: string) => fake.users().find((u) => u.name === name);
const groupName = (id: string | undefined) => fake.groups().find((g) => g.id === id)?.name;
const tokenSecret = (out: State, rel: RegularRelation) =>
  getSecret(out, { id: getRelation(out, rel).localAppData.opencti_token! });
/**
 * The state minus some connector relations, as if they went while relation-broken never ran for them
 * (e.g. removed under an older charm revision): upstream's only way to notice, the next reconcile.
 */
const without = (out: State, ...rels: RegularRelation[]) => {
  const gone = new Set(rels.map((r) => r.id));
  return {
    ...out,
    relations: out.relations.filter((r) => !gone.has(r.id)),
    secrets: out.secrets.map((s) => ({
      ...s,
      remoteGrants: Object.fromEntries(
        Object.entries(s.remoteGrants).filter(([id]) => !gone.has(Number(id))),
      ),
    })),
  };
};

describe('users and groups', () => {
  const cases: [string, string, string][] = [
    ['EXTERNAL_IMPORT', 'EXTERNAL_IMPORT', 'Connectors'],
    ['INTERNAL_ENRICHMENT', 'INTERNAL_ENRICHMENT', 'Connectors'],
    ['STREAM', 'STREAM', 'Connectors'],
    ['INTERNAL_EXPORT_FILE', 'INTERNAL_EXPORT_FILE', 'Administrators'],
    ['internal-export-file (normalised as upstream)', 'internal-export-file', 'Administrators'],
  ];
  it.each(cases)('%s → %s', async (_name, type, group) => {
    const ctx = context(fake);
    const rel = connector('exporter', {
      connector_charm_name: 'opencti-export-file-stix-connector',
      connector_type: type,
    });
    const out = await ctx.run(ctx.on.relationChanged(rel), world({}, [rel]));
    expect(out.unitStatus).toEqual(new ActiveStatus(''));
    const created = user('charm-connector-exporter');
    expect(created).toMatchObject({
      account_status: 'Active',
      user_email: 'charm-connector-exporter@opencti.local',
    });
    expect(created?.groups.map(groupName)).toEqual([group]);
  });

  it('two applications of one connector charm get two users and two tokens', async () => {
    const ctx = context(fake);
    const a = connector('crowdstrike-eu', undefined, { id: 21 });
    const b = connector('crowdstrike-us', undefined, { id: 22 });
    // A full pass (any event but a connector relation's own): every connector is served.
    const out = await ctx.run(ctx.on.configChanged(), world({}, [a, b]));
    const ua = user('charm-connector-crowdstrike-eu');
    const ub = user('charm-connector-crowdstrike-us');
    expect(ua && ub && ua.api_token !== ub.api_token).toBe(true);
    expect(tokenSecret(out, a).latestContent).toEqual({ token: ua?.api_token });
    expect(tokenSecret(out, b).latestContent).toEqual({ token: ub?.api_token });
    expect(tokenSecret(out, a).id).not.toBe(tokenSecret(out, b).id);
  });

  it("a connector relation's own event serves that connector only (the others wait for a full pass)", async () => {
    const ctx = context(fake);
    const a = connector('crowdstrike-eu', undefined, { id: 21 });
    const b = connector('crowdstrike-us', undefined, { id: 22 });
    const out = await ctx.run(ctx.on.relationChanged(a), world({}, [a, b]));
    expect(user('charm-connector-crowdstrike-eu')?.account_status).toBe('Active');
    expect(user('charm-connector-crowdstrike-us')).toBeUndefined();
    expect(getRelation(out, b).localAppData).toEqual({});
    // Only the event's relation is listed and read: no relation-list or relation-get of the other one.
    const touched = ctx.trace
      .filter((c) => ['relation-list', 'relation-get'].includes(c.tool))
      .map((c) => c.args.join(' '));
    expect(touched.some((args) => args.includes(':22'))).toBe(false);
  });

  it('a non-leader leaves users and relations alone', async () => {
    const ctx = context(fake);
    const rel = crowdstrike();
    const out = await ctx.run(ctx.on.relationChanged(rel), world({ leader: false }, [rel]));
    expect(out.unitStatus).toEqual(new ActiveStatus(''));
    expect(fake.users()).toEqual([]);
    expect(getRelation(out, rel).localAppData).toEqual({});
  });

  it('a connector that has published nothing yet is left waiting, without a user', async () => {
    const ctx = context(fake);
    const rel = connector('newcomer', {});
    const out = await ctx.run(ctx.on.relationJoined(rel), world({}, [rel]));
    expect(out.unitStatus).toEqual(new ActiveStatus(''));
    expect(fake.users()).toEqual([]);
  });
});

describe('the token secret', () => {
  it('is created once, granted to the relation, and published with the public URL', async () => {
    const ctx = context(fake);
    const rel = crowdstrike();
    const first = await ctx.run(ctx.on.relationChanged(rel), world({}, [rel]));
    const bag = getRelation(first, rel).localAppData;
    expect(bag.opencti_url).toBe(PUBLIC_URL);
    const secret = tokenSecret(first, rel);
    expect(secret.owner).toBe('app');
    expect(secret.latestContent).toEqual({ token: user('charm-connector-crowdstrike')?.api_token });
    expect(secret.remoteGrants[rel.id]).toContain('crowdstrike');
    const again = await ctx.run(ctx.on.updateStatus(), first);
    expect(getRelation(again, rel).localAppData.opencti_token).toBe(bag.opencti_token);
    expect(tokenSecret(again, rel).latestRevision).toBe(secret.latestRevision);
    expect(fake.users()).toHaveLength(1);
  });

  it('gets a new revision when the user token changes', async () => {
    const ctx = context(fake);
    const rel = crowdstrike();
    const first = await ctx.run(ctx.on.relationChanged(rel), world({}, [rel]));
    const before = tokenSecret(first, rel);
    const renewed = fake.renewToken('charm-connector-crowdstrike');
    const out = await ctx.run(ctx.on.updateStatus(), first);
    const after = tokenSecret(out, rel);
    expect(after.id).toBe(before.id);
    expect(after.latestRevision).toBe(before.latestRevision + 1);
    expect(after.latestContent).toEqual({ token: renewed?.api_token });
  });
});

describe('removed connectors', () => {
  it('a user whose relation is gone is deactivated, and reactivated when the connector comes back', async () => {
    const ctx = context(fake);
    const rel = crowdstrike();
    const related = await ctx.run(ctx.on.relationChanged(rel), world({}, [rel]));
    const token = user('charm-connector-crowdstrike')?.api_token;
    const gone = await ctx.run(ctx.on.updateStatus(), without(related, rel));
    expect(user('charm-connector-crowdstrike')?.account_status).toBe('Inactive');
    expect(gone.unitStatus).toEqual(new ActiveStatus(''));
    // Integrated again: Juju gives the new relation a new id.
    const back = connector('crowdstrike', undefined, { id: 31 });
    await ctx.run(ctx.on.relationChanged(back), { ...gone, relations: [...gone.relations, back] });
    expect(user('charm-connector-crowdstrike')).toMatchObject({ account_status: 'Active', api_token: token });
    expect(fake.users()).toHaveLength(1);
  });

  it('relation-broken deactivates the user and removes its token secret at once', async () => {
    const ctx = context(fake);
    const rel = crowdstrike();
    const other = connector(
      'mitre',
      { connector_charm_name: 'opencti-mitre-connector', connector_type: 'EXTERNAL_IMPORT' },
      { id: 12 },
    );
    const related = await ctx.run(ctx.on.configChanged(), world({}, [rel, other]));
    const secretId = getRelation(related, rel).localAppData.opencti_token;
    // The platform is unhealthy, so the regular reconcile stops early: the broken handler acts anyway.
    fake.setHealthy(false);
    const out = await ctx.run(ctx.on.relationBroken(rel), related);
    expect(out.unitStatus).toEqual(new WaitingStatus('waiting for opencti platform to start'));
    expect(user('charm-connector-crowdstrike')?.account_status).toBe('Inactive');
    expect(user('charm-connector-mitre')?.account_status).toBe('Active');
    expect(out.secrets.map((s) => s.id)).not.toContain(secretId);
    expect(getRelation(out, other).localAppData.opencti_token).toBeDefined();
  });

  it('relation-broken while the API is down ends in a status, not a crash', async () => {
    const ctx = context(fake);
    const rel = crowdstrike();
    const related = await ctx.run(ctx.on.relationChanged(rel), world({}, [rel]));
    await fake.close();
    const out = await ctx.run(ctx.on.relationBroken(rel), related);
    expect(out.unitStatus).toEqual(new WaitingStatus('waiting for opencti platform to start'));
    expect(out.secrets.map((s) => s.id)).not.toContain(getRelation(related, rel).localAppData.opencti_token);
  });
});

describe('failures beyond upstream', () => {
  it('a missing group blocks naming it, while connectors of the other group are served', async () => {
    await fake.close();
    fake = await fakeOpencti(['Administrators']);
    const ctx = context(fake);
    const importer = crowdstrike();
    const exporter = connector(
      'export-stix',
      { connector_charm_name: 'opencti-export-file-stix-connector', connector_type: 'INTERNAL_EXPORT_FILE' },
      { id: 13 },
    );
    const out = await ctx.run(ctx.on.updateStatus(), world({}, [importer, exporter]));
    expect(out.unitStatus).toEqual(new BlockedStatus('missing group(s) in opencti: Connectors'));
    expect(user('charm-connector-crowdstrike')).toBeUndefined();
    expect(getRelation(out, importer).localAppData).toEqual({});
    expect(user('charm-connector-export-stix')?.account_status).toBe('Active');
    expect(getRelation(out, exporter).localAppData.opencti_token).toBeDefined();
  });

  it('a failing API ends in waiting with the call and HTTP status, never the token', async () => {
    const ctx = context(fake);
    const rel = crowdstrike();
    fake.failNext(1, { status: 502 });
    const result = await ctx.runWithResult(ctx.on.relationChanged(rel), world({}, [rel]));
    expect(result.exitCode).toBe(0);
    const status = result.state.unitStatus;
    expect(status).toBeInstanceOf(WaitingStatus);
    expect(status.message).toMatch(/^opencti api error: OpenCTI listUsers failed: HTTP 502/);
    expect(status.message).not.toContain(ADMIN_TOKEN);
  });

  it('invalid connector data is reported in the status without stopping the healthy connectors', async () => {
    const ctx = context(fake);
    const good = crowdstrike();
    const bad = connector('broken-one', { connector_charm_name: 'opencti-x-connector' }, { id: 14 });
    const out = await ctx.run(ctx.on.updateStatus(), world({}, [good, bad]));
    expect(out.unitStatus).toEqual(
      new ActiveStatus('invalid opencti-connector data: broken-one: connector_type is missing'),
    );
    expect(getRelation(out, good).localAppData.opencti_token).toBeDefined();
    expect(user('charm-connector-broken-one')).toBeUndefined();
  });

  it('no secret value reaches a log line, a status or a hook-tool argument', async () => {
    const ctx = context(fake);
    const rel = crowdstrike();
    const out = await ctx.run(ctx.on.relationChanged(rel), world({}, [rel]));
    await ctx.run(ctx.on.relationBroken(rel), out);
    const secrets = [
      ADMIN_TOKEN,
      HEALTH_KEY,
      'pw-1',
      'rmq-pw',
      'os-pw',
      user('charm-connector-crowdstrike')!.api_token,
    ];
    const seen = JSON.stringify([
      ctx.jujuLog,
      ctx.unitStatusHistory,
      ctx.appStatusHistory,
      ctx.trace.map((call) => [call.tool, call.args]),
    ]);
    for (const value of secrets) expect(seen).not.toContain(value);
  });
});
