// The platform-side helper, through the testing kit with a small requirer charm.
import { BlockedStatus, CharmBase, type Framework, type RelationBrokenEvent } from '@ops-ts/ops';
import { Context, getRelation, relation, state } from '@ops-ts/testing';
import { describe, expect, it } from 'vitest';
import { OpenctiConnectorRequirer, tokenSecretLabel } from '../src/index.js';

/** A platform that hands every valid connector the configured token. */
class Platform extends CharmBase {
  readonly connectors = new OpenctiConnectorRequirer(this);
  constructor(framework: Framework) {
    super(framework);
    this.observe(this.on.configChanged, this.reconcile);
    this.observe(this.on.relationChanged('opencti-connector'), this.reconcile);
    this.observe(this.on.relationBroken('opencti-connector'), this.onBroken);
  }
  reconcile(_event: unknown): void {
    const { ready, invalid } = this.connectors.connectors();
    for (const c of ready)
      this.connectors.publish(c.relation, {
        url: 'https://opencti.local/x',
        token: String(this.config.token),
      });
    if (invalid.length > 0) {
      this.unit.status = new BlockedStatus(
        invalid.map((i) => `${i.app?.name}: ${i.problems.join(', ')}`).join('; '),
      );
    }
  }
  onBroken(event: RelationBrokenEvent): void {
    this.connectors.release(event.relation);
  }
}

const meta = { name: 'opencti', requires: { 'opencti-connector': { interface: 'opencti_connector' } } };
const config = { options: { token: { type: 'string', default: 'token-1' } } };
const context = () => new Context(Platform, { meta, config });
const connector = (
  data: Record<string, string> = {
    connector_charm_name: 'opencti-crowdstrike-connector',
    connector_type: 'EXTERNAL_IMPORT',
  },
) =>
  relation({
    endpoint: 'opencti-connector',
    remoteAppName: 'crowdstrike',
    remoteAppData: data,
    remoteUnitsData: { 0: {} },
  });

describe('OpenctiConnectorRequirer', () => {
  it('creates one app-owned token secret per relation, grants it, and publishes the URL and its id', async () => {
    const ctx = context();
    const rel = connector();
    const out = await ctx.run(
      ctx.on.relationChanged(rel, { remoteUnit: null }),
      state({ leader: true, relations: [rel] }),
    );
    const bag = getRelation(out, rel).localAppData;
    expect(bag.opencti_url).toBe('https://opencti.local/x');
    expect(out.secrets).toHaveLength(1);
    const secret = out.secrets[0];
    expect(secret).toMatchObject({
      owner: 'app',
      label: tokenSecretLabel(rel.id),
      latestContent: { token: 'token-1' },
    });
    expect(bag.opencti_token).toContain(secret?.id.replace('secret:', ''));
    expect(secret?.remoteGrants[rel.id]).toEqual(['crowdstrike']);

    // The same token again: the same secret, no new revision, nothing written.
    ctx.trace.length = 0;
    const again = await ctx.run(ctx.on.configChanged(), out);
    expect(again.secrets).toEqual(out.secrets);
    expect(ctx.trace.map((c) => c.tool)).not.toContain('relation-set');
    expect(ctx.trace.map((c) => c.tool)).not.toContain('secret-set');
  });

  it('a new token becomes a new revision of the same secret', async () => {
    const ctx = context();
    const rel = connector();
    const first = await ctx.run(ctx.on.configChanged(), state({ leader: true, relations: [rel] }));
    const out = await ctx.run(ctx.on.configChanged(), state({ ...first, config: { token: 'token-2' } }));
    expect(out.secrets).toHaveLength(1);
    expect(out.secrets[0]).toMatchObject({
      id: first.secrets[0]?.id,
      latestContent: { token: 'token-2' },
      latestRevision: 2,
    });
  });

  it('reports remote data that fails the schema, and publishes nothing there', async () => {
    const ctx = context();
    const rel = connector({ connector_charm_name: 'x' });
    const out = await ctx.run(ctx.on.configChanged(), state({ leader: true, relations: [rel] }));
    expect(out.unitStatus).toEqual(new BlockedStatus('crowdstrike: connector_type is missing'));
    expect(getRelation(out, rel).localAppData).toEqual({});
    expect(out.secrets).toEqual([]);
  });

  it('a connector that published nothing yet is pending, not invalid', async () => {
    const ctx = context();
    const rel = connector({});
    const out = await ctx.run(ctx.on.configChanged(), state({ leader: true, relations: [rel] }));
    expect(out.unitStatus.name).toBe('unknown');
    expect(out.secrets).toEqual([]);
  });

  it('release() on relation-broken removes the token secret', async () => {
    const ctx = context();
    const rel = connector();
    const published = await ctx.run(ctx.on.configChanged(), state({ leader: true, relations: [rel] }));
    const out = await ctx.run(ctx.on.relationBroken(rel), published);
    expect(out.secrets).toEqual([]);
  });
});
