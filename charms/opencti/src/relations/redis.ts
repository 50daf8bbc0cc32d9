// The `redis` integration (interface redis), read as canonical/opencti-operator does through
// `lib/charms/redis_k8s/v0/redis.py` `RedisRequires.url` and `src/charm.py` `_gen_redis_env`: the host is
// the provider app bag's `leader-host`, else a unit's `hostname`; the port is that unit's `port`.
import type { CharmBase, Relation } from '@ops-ts/ops';
import { Blocked, NotReady } from '../reconcile-errors.js';
import { unitsByNumber } from './units.js';

/** The endpoint. */
export const REDIS_RELATION = 'redis';

/** OpenCTI's REDIS__* variables. */
export function redisEnvironment(charm: CharmBase, relation: Relation): Record<string, string> {
  // The library takes "the first" unit of a set; the lowest-numbered one is the stable choice.
  const unit = unitsByNumber(relation)[0];
  const unitBag = unit ? relation.data.get(unit) : undefined;
  const appBag = relation.app ? relation.data.get(relation.app) : undefined;
  const host = appBag?.get('leader-host') || unitBag?.get('hostname');
  const port = unitBag?.get('port');
  // Upstream: the library's "redis://None:None" while the provider has said nothing.
  if (!host || !port) throw new NotReady('waiting for redis integration');
  if (!/^\d+$/.test(port) || Number(port) > 65535) {
    charm.framework.logger.error(`invalid redis integration: port ${JSON.stringify(port)}`);
    throw new Blocked('invalid redis integration');
  }
  return { REDIS__HOSTNAME: host, REDIS__PORT: String(Number(port)) };
}
