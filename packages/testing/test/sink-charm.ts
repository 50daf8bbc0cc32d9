// A charm that touches every part of the model, for the kit's own tests.
import {
  type ActionEvent,
  ActiveStatus,
  CharmBase,
  type CollectStatusEvent,
  type ConfigChangedEvent,
  type Framework,
  MaintenanceStatus,
  type PebbleCustomNoticeEvent,
  type PebbleReadyEvent,
  type RelationBrokenEvent,
  type RelationChangedEvent,
  type RelationDepartedEvent,
  type SecretChangedEvent,
  type SecretRotateEvent,
  type StorageAttachedEvent,
  StoredState,
  type UpdateStatusEvent,
  WaitingStatus,
} from '@ops-ts/ops';

/** The charm's metadata, config and actions as object literals. */
export const SINK_META = {
  name: 'sink',
  requires: { db: { interface: 'pg' } },
  provides: { website: { interface: 'http' } },
  peers: { cluster: { interface: 'sink-peers' } },
  containers: { workload: { resource: 'image' } },
  resources: { image: { type: 'oci-image' }, blob: { type: 'file', filename: 'blob.bin' } },
  storage: { data: { type: 'filesystem', location: '/srv/data' } },
  'extra-bindings': { metrics: null },
};
export const SINK_CONFIG = {
  options: {
    mode: { type: 'string', default: 'normal' },
    port: { type: 'int', default: 8080 },
    ratio: { type: 'float' },
    debug: { type: 'boolean', default: false },
  },
};
export const SINK_ACTIONS = {
  greet: { params: { name: { type: 'string' } }, required: ['name'] },
};

/** The sink charm. */
export class SinkCharm extends CharmBase {
  readonly stored = new StoredState(this, 'stored', { seen: [] as string[], dbHost: '', secretValue: '' });

  constructor(framework: Framework) {
    super(framework);
    this.observe(this.on.configChanged, this.onConfigChanged);
    this.observe(this.on.updateStatus, this.onUpdateStatus);
    this.observe(this.on.relationChanged('db'), this.onDbChanged);
    this.observe(this.on.relationDeparted('db'), this.onDbDeparted);
    this.observe(this.on.relationBroken('db'), this.onDbBroken);
    this.observe(this.on.secretChanged, this.onSecretChanged);
    this.observe(this.on.secretRotate, this.onSecretRotate);
    this.observe(this.on.action('greet'), this.onGreet);
    this.observe(this.on.pebbleReady('workload'), this.onPebbleReady);
    this.observe(this.on.pebbleCustomNotice('workload'), this.onNotice);
    this.observe(this.on.storageAttached('data'), this.onStorageAttached);
    this.observe(this.on.collectUnitStatus, this.onCollectStatus);
  }

  onConfigChanged(_event: ConfigChangedEvent): void {
    const mode = String(this.config.mode);
    if (mode === 'explode') throw new TypeError('mode explode is not supported');
    if (mode === 'secret') {
      const secret = this.app.addSecret({ password: 'pw' }, { label: 'admin' });
      const db = this.model.getRelation('db');
      if (db) secret.grant(db);
    }
    this.unit.setWorkloadVersion(`v-${mode}`);
    this.unit.openPort('tcp', Number(this.config.port));
    if (this.unit.isLeader()) this.app.status = new ActiveStatus(`mode ${mode}`);
    this.stored.data.seen.push(`config:${mode}`);
  }

  onUpdateStatus(_event: UpdateStatusEvent): void {
    const binding = this.model.getBinding('metrics').network;
    this.stored.data.seen.push(`planned:${this.app.plannedUnits()}`, `bind:${String(binding.bindAddress)}`);
    this.stored.data.seen.push(`blob:${this.model.resources.fetch('blob')}`);
  }

  onDbChanged(event: RelationChangedEvent): void {
    const app = event.relation.app;
    const host = app ? (event.relation.data.get(app).get('host') ?? '') : '';
    this.stored.data.dbHost = host;
    event.relation.data.get(this.unit).set('seen-host', host);
    this.stored.data.seen.push(`changed:${event.unit?.name ?? 'app'}`);
  }

  onDbDeparted(event: RelationDepartedEvent): void {
    this.stored.data.seen.push(`departed:${event.departingUnit?.name ?? ''}`);
  }

  onDbBroken(event: RelationBrokenEvent): void {
    this.stored.data.seen.push(`broken:${event.relation.id}:${this.model.relations('db').length}`);
  }

  onSecretChanged(event: SecretChangedEvent): void {
    this.stored.data.secretValue = event.secret.getContent({ refresh: true }).password ?? '';
  }

  onSecretRotate(event: SecretRotateEvent): void {
    event.secret.setContent({ password: 'rotated' });
  }

  onGreet(event: ActionEvent): void {
    const name = String(event.params.name);
    event.log(`greeting ${name}`);
    if (name === 'nobody') {
      event.fail('there is nobody to greet');
      return;
    }
    event.setResults({ greeting: `hello ${name}`, detail: { length: name.length } });
  }

  async onPebbleReady(event: PebbleReadyEvent): Promise<void> {
    const container = this.unit.getContainer(event.containerName);
    await container.push('/etc/sink.conf', `mode=${String(this.config.mode)}\n`, { makeDirs: true });
    await container.addLayer(
      'sink',
      {
        services: { sink: { override: 'replace', command: '/bin/sink', startup: 'enabled' } },
      },
      { combine: true },
    );
    await container.replan();
    const { stdout } = await container.exec(['sink', '--version']).waitOutput();
    this.stored.data.seen.push(`version:${stdout.trim()}`);
  }

  async onNotice(event: PebbleCustomNoticeEvent): Promise<void> {
    this.stored.data.seen.push(`notice:${event.notice.key}`);
  }

  onStorageAttached(event: StorageAttachedEvent): void {
    this.stored.data.seen.push(`storage:${event.storage.location}`);
  }

  onCollectStatus(event: CollectStatusEvent): void {
    if (!this.model.getRelation('db')) event.addStatus(new WaitingStatus('waiting for db'));
    if (this.config.mode === 'maintenance') event.addStatus(new MaintenanceStatus('busy'));
    event.addStatus(new ActiveStatus());
  }
}
