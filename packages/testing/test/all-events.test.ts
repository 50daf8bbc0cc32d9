// Every event kind reaches the charm with the details Juju's environment gives it.
import {
  CharmBase,
  type EventBase,
  type Framework,
  PebbleCheckEvent,
  PebbleCustomNoticeEvent,
  RelationDepartedEvent,
  RelationEvent,
  SecretEvent,
  SecretRevisionEvent,
  StorageEvent,
  StoredState,
  WorkloadEvent,
} from '@ops-ts/ops';
import { describe, expect, it } from 'vitest';
import {
  type CharmEvent,
  Context,
  container,
  getStoredState,
  peerRelation,
  relation,
  type StateInit,
  secret,
  storage,
} from '../src/index.js';

const META = {
  name: 'echo',
  requires: { db: { interface: 'pg' } },
  peers: { cluster: { interface: 'echo-peers' } },
  containers: { app: {} },
  storage: { data: { type: 'filesystem', location: '/data' } },
};

/** Records one line per event it sees. */
class EchoCharm extends CharmBase {
  readonly stored = new StoredState(this, 'stored', { events: [] as string[] });
  constructor(framework: Framework) {
    super(framework);
    const on = this.on;
    for (const bound of [
      on.install,
      on.start,
      on.stop,
      on.remove,
      on.updateStatus,
      on.configChanged,
      on.upgradeCharm,
      on.leaderElected,
      on.leaderSettingsChanged,
      on.preSeriesUpgrade,
      on.postSeriesUpgrade,
      on.secretChanged,
      on.secretRotate,
      on.secretRemove,
      on.secretExpired,
      on.relationCreated('db'),
      on.relationJoined('db'),
      on.relationChanged('db'),
      on.relationDeparted('db'),
      on.relationBroken('db'),
      on.relationChanged('cluster'),
      on.storageAttached('data'),
      on.storageDetaching('data'),
      on.pebbleReady('app'),
      on.pebbleCustomNotice('app'),
      on.pebbleCheckFailed('app'),
      on.pebbleCheckRecovered('app'),
    ]) {
      this.observe(bound as never, this.record);
    }
  }

  record(event: EventBase): void {
    const parts = [event.handle.kind];
    if (event instanceof RelationEvent)
      parts.push(`rel=${event.relation.id}`, `app=${event.app?.name}`, `unit=${event.unit?.name}`);
    if (event instanceof RelationDepartedEvent) parts.push(`departing=${event.departingUnit?.name}`);
    if (event instanceof SecretEvent) parts.push(`secret=${event.secretId}`);
    if (event instanceof SecretRevisionEvent) parts.push(`revision=${event.revision}`);
    if (event instanceof StorageEvent)
      parts.push(`storage=${event.storage.name}/${event.storage.index}@${event.storage.location}`);
    if (event instanceof WorkloadEvent) parts.push(`container=${event.containerName}`);
    if (event instanceof PebbleCustomNoticeEvent)
      parts.push(`notice=${event.notice.type}:${event.notice.key}`);
    if (event instanceof PebbleCheckEvent) parts.push(`check=${event.checkName}`);
    this.stored.data.events.push(parts.join(' '));
  }
}

const ctx = new Context(EchoCharm, { meta: META });
const db = relation({ endpoint: 'db', id: 1, remoteAppName: 'pg', remoteUnitsData: { 0: {}, 1: {} } });
const peers = peerRelation({ endpoint: 'cluster', id: 2, peersData: { 3: {} } });
const owned = secret({ id: 'secret:0123456789abcdefghij', owner: 'unit', content: { a: 'bbb' } });
const observed = secret({ id: 'secret:abcdefghij0123456789', content: { a: 'bbb' } });
const data = storage({ name: 'data', index: 2 });
const app = container({
  name: 'app',
  canConnect: true,
  notices: [{ key: 'echo.io/ping' }],
  layers: { base: { checks: { alive: { override: 'replace', http: { url: 'http://localhost/' } } } } },
});
const full: StateInit = {
  relations: [db, peers],
  secrets: [owned, observed],
  storages: [data],
  containers: [app],
};

const cases: [CharmEvent, string][] = [
  ...(
    [
      'install',
      'start',
      'stop',
      'remove',
      'updateStatus',
      'configChanged',
      'upgradeCharm',
      'leaderElected',
      'leaderSettingsChanged',
      'preSeriesUpgrade',
      'postSeriesUpgrade',
    ] as const
  ).map((name): [CharmEvent, string] => {
    const event = ctx.on[name]();
    return [event, event.kind];
  }),
  [ctx.on.relationCreated(db), 'db_relation_created rel=1 app=pg unit=undefined'],
  [ctx.on.relationJoined(db, { remoteUnit: 1 }), 'db_relation_joined rel=1 app=pg unit=pg/1'],
  [ctx.on.relationChanged(db), 'db_relation_changed rel=1 app=pg unit=pg/0'],
  [
    ctx.on.relationDeparted(db, { remoteUnit: 1 }),
    'db_relation_departed rel=1 app=pg unit=pg/1 departing=pg/1',
  ],
  [
    ctx.on.relationDeparted(db, { remoteUnit: 1, departingUnit: 'echo/0' }),
    'db_relation_departed rel=1 app=pg unit=pg/1 departing=echo/0',
  ],
  [ctx.on.relationBroken(db), 'db_relation_broken rel=1 app=pg unit=undefined'],
  [ctx.on.relationChanged(peers), 'cluster_relation_changed rel=2 app=echo unit=echo/3'],
  [ctx.on.secretChanged(observed), `secret_changed secret=${observed.id}`],
  [ctx.on.secretRotate(owned), `secret_rotate secret=${owned.id}`],
  [ctx.on.secretRemove(owned, { revision: 1 }), `secret_remove secret=${owned.id} revision=1`],
  [ctx.on.secretExpired(owned, { revision: 1 }), `secret_expired secret=${owned.id} revision=1`],
  [ctx.on.storageAttached(data), 'data_storage_attached storage=data/2@/data/2'],
  [ctx.on.storageDetaching(data), 'data_storage_detaching storage=data/2@/data/2'],
  [ctx.on.pebbleReady(app), 'app_pebble_ready container=app'],
  [
    ctx.on.pebbleCustomNotice(app, { key: 'echo.io/ping' }),
    'app_pebble_custom_notice container=app notice=custom:echo.io/ping',
  ],
  [ctx.on.pebbleCheckFailed(app, 'alive'), 'app_pebble_check_failed container=app check=alive'],
  [ctx.on.pebbleCheckRecovered(app, 'alive'), 'app_pebble_check_recovered container=app check=alive'],
];

describe('every event kind', () => {
  it.each(cases)('%s', async (event, expected) => {
    const out = await ctx.run(event, full);
    expect(getStoredState(out).content.events).toEqual([expected]);
  });
});
