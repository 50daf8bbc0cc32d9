/**
 * S3 STAND-IN: provides the `s3-credentials` endpoint and publishes what s3-integrator publishes there,
 * with fake values from config, so requirers (the OpenCTI charm) can be tested and demoed without storage.
 *
 * Upstream (canonical/s3-integrator, `src/charm.py`, `_on_credential_requested`, through
 * `lib/charms/data_platform_libs/v0/s3.py`): once the requirer's app bag has `bucket`, the leader writes
 * the configured options into its app bag as plain strings (interface `s3` v0: no Juju secret).
 */
import {
  ActiveStatus,
  CharmBase,
  type CollectStatusEvent,
  type ConfigValue,
  type EventBase,
  type Framework,
} from '@ops-ts/ops';

/** The endpoint, named as s3-integrator names it. */
export const ENDPOINT = 's3-credentials';

/** Fields published straight from the config option of the same name (empty ones are left out). */
export const CONFIG_FIELDS = [
  'access-key',
  'secret-key',
  'endpoint',
  'region',
  's3-uri-style',
  'path',
] as const;

/** The app bag for a requirer that asked for `requested`: config values, '' (deleted) where unset. */
export function connectionInfo(
  config: Readonly<Record<string, ConfigValue>>,
  requested: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of CONFIG_FIELDS) out[key] = String(config[key] ?? '');
  // s3-integrator serves its configured bucket, else the one requested.
  out.bucket = String(config.bucket ?? '') || requested;
  return out;
}

/** The S3 stand-in charm. */
export class S3StandInCharm extends CharmBase {
  constructor(framework: Framework) {
    super(framework);
    this.observe(this.on.relationCreated(ENDPOINT), this.onChange);
    this.observe(this.on.relationJoined(ENDPOINT), this.onChange);
    this.observe(this.on.relationChanged(ENDPOINT), this.onChange);
    this.observe(this.on.configChanged, this.onChange);
    this.observe(this.on.leaderElected, this.onChange);
    this.observe(this.on.upgradeCharm, this.onChange);
    this.observe(this.on.collectUnitStatus, this.onCollectStatus);
  }

  /** Leader: publishes the connection info to every relation whose requirer asked for a bucket. */
  onChange(_event: EventBase): void {
    if (!this.unit.isLeader()) return;
    for (const relation of this.model.relations(ENDPOINT)) {
      const requested = relation.app ? relation.data.get(relation.app).get('bucket') : undefined;
      // Upstream answers only a request (`bucket` added by the requirer).
      if (!requested) continue;
      relation.data.get(this.app).update(connectionInfo(this.config, requested));
    }
  }

  /** Always active (there is no workload to fail), saying it is a stand-in. */
  onCollectStatus(event: CollectStatusEvent): void {
    const n = this.model.relations(ENDPOINT).length;
    event.addStatus(new ActiveStatus(`stand-in s3: ${n} relation(s)`));
  }
}
