// The `amqp` integration (interface rabbitmq). The request is what canonical/opencti-operator writes
// through `lib/charms/rabbitmq_k8s/v0/rabbitmq.py` `RabbitMQRequires.request_access` (username = the app
// name, vhost "/") plus `admin: "true"` (`src/charm.py` `_amqp_relation_joined`); the answer is read as
// `_gen_rabbitmq_env` reads it, from the lowest-numbered unit's bag (rabbitmq-server publishes there).
import type { CharmBase, Relation } from '@ops-ts/ops';
import { NotReady } from '../reconcile-errors.js';
import { unitsByNumber } from './units.js';

/** The endpoint. */
export const AMQP_RELATION = 'amqp';

/** Leader: ask for a user named like the app on vhost `/`, with admin rights. */
export function requestAmqpAccess(charm: CharmBase, relation: Relation): void {
  if (!charm.unit.isLeader()) return;
  relation.data.get(charm.app).update({ username: charm.app.name, vhost: '/', admin: 'true' });
}

/** OpenCTI's RABBITMQ__* variables. */
export function rabbitmqEnvironment(charm: CharmBase, relation: Relation): Record<string, string> {
  const unit = unitsByNumber(relation)[0];
  const unitBag = unit ? relation.data.get(unit) : undefined;
  let hostname = unitBag?.get('hostname');
  let password = unitBag?.get('password');
  // Beyond upstream: rabbitmq-k8s answers in its application bag (where the library's `password`
  // property looks); use it when the unit bag has nothing, so either provider works.
  if (!(hostname && password) && relation.app) {
    const appBag = relation.data.get(relation.app);
    hostname = appBag.get('hostname') || hostname;
    password = appBag.get('password') || password;
  }
  if (!hostname || !password) throw new NotReady('waiting for amqp integration');
  return {
    RABBITMQ__HOSTNAME: hostname,
    RABBITMQ__PORT: '5672',
    // The rabbitmq charms enable the management plugin but do not announce its port.
    RABBITMQ__PORT_MANAGEMENT: '15672',
    RABBITMQ__MANAGEMENT_SSL: 'false',
    RABBITMQ__USERNAME: charm.app.name,
    RABBITMQ__PASSWORD: password,
  };
}
