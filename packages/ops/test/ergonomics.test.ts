// Small conveniences ops authors expect: `FrameworkObject.model` and `RelationDataContent.clear()`.
import { Context, getRelation, relation, state } from '@ops-ts/testing';
import { describe, expect, it } from 'vitest';
import { CharmBase, type Framework, FrameworkObject } from '../src/index.js';

class Helper extends FrameworkObject {
  constructor(charm: CharmBase) {
    super(charm, 'helper');
  }
  /** Uses `this.model` as an ops Object would. */
  unitName(): string {
    return this.model.unit.name;
  }
}

class TidyCharm extends CharmBase {
  readonly helper = new Helper(this);
  constructor(framework: Framework) {
    super(framework);
    this.observe(this.on.relationChanged('db'), this.onDb);
  }
  onDb(): void {
    const rel = this.model.getRelation('db');
    if (!rel) return;
    rel.data.get(this.app).clear();
    rel.data.get(this.unit).set('seen-by', this.helper.unitName());
  }
}

describe('ops conveniences', () => {
  it('clear() empties a bag with one relation-set; FrameworkObject.model is the dispatch model', async () => {
    const ctx = new Context(TidyCharm, { meta: { name: 'tidy', requires: { db: { interface: 'pg' } } } });
    const rel = relation({ endpoint: 'db', remoteAppName: 'pg', localAppData: { a: '1', b: '2' } });
    const out = await ctx.run(ctx.on.relationChanged(rel), state({ leader: true, relations: [rel] }));
    expect(getRelation(out, rel).localAppData).toEqual({});
    expect(getRelation(out, rel).localUnitData).toMatchObject({ 'seen-by': 'tidy/0' });
    const appSets = ctx.trace.filter((c) => c.tool === 'relation-set' && c.args.includes('--app'));
    expect(appSets).toHaveLength(1);
  });
});
