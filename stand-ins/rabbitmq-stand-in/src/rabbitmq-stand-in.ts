/**
 * RabbitMQ STAND-IN: provides the `amqp` endpoint and publishes what rabbitmq-server publishes there,
 * with fake values from config, so requirers (the OpenCTI charm) can be tested and demoed without a broker.
 *
 * Upstream (openstack/charm-rabbitmq-server, `hooks/rabbitmq_server_relations.py`, `amqp_changed`): the
 * requirer asks for `username` and `vhost`; each unit answers in its own bag with `hostname`,
 * `private-address` and, once both were asked for, `password` (plain relation data, no Juju secret).
 */
import {
  ActiveStatus,
  CharmBase,
  type CollectStatusEvent,
  type EventBase,
  type Framework,
  type Relation,
} from '@ops-ts/ops';

/** The endpoint, named as rabbitmq-server names it. */
export const ENDPOINT = 'amqp';

/** Whether the requirer asked for a user: `username` and `vhost`, in its app bag or a unit's bag. */
export function accessRequested(relation: Relation): boolean {
  // rabbitmq-server reads the remote unit's bag, and the remote app bag in app-data hooks
  // (`relation-get -` without a remote unit); the OpenCTI charm's library writes the app bag.
  const bags = [...(relation.app ? [relation.app] : []), ...relation.units].map((m) => relation.data.get(m));
  return bags.some((bag) => Boolean(bag.get('username')) && Boolean(bag.get('vhost')));
}

/** The RabbitMQ stand-in charm. */
export class RabbitmqStandInCharm extends CharmBase {
  constructor(framework: Framework) {
    super(framework);
    this.observe(this.on.relationCreated(ENDPOINT), this.onChange);
    this.observe(this.on.relationJoined(ENDPOINT), this.onChange);
    this.observe(this.on.relationChanged(ENDPOINT), this.onChange);
    this.observe(this.on.configChanged, this.onChange);
    this.observe(this.on.upgradeCharm, this.onChange);
    this.observe(this.on.collectUnitStatus, this.onCollectStatus);
  }

  /** Publishes this unit's address to every relation, and the password where a user was requested. */
  onChange(_event: EventBase): void {
    const relations = this.model.relations(ENDPOINT);
    if (relations.length === 0) return;
    const hostname = this.hostname();
    const password = String(this.config.password ?? '');
    for (const relation of relations) {
      relation.data.get(this.unit).update({
        hostname,
        'private-address': hostname,
        // '' deletes: no password until the requirer has asked for a user, as upstream.
        password: accessRequested(relation) ? password : '',
      });
    }
  }

  /** Always active (there is no workload to fail), saying it is a stand-in. */
  onCollectStatus(event: CollectStatusEvent): void {
    const n = this.model.relations(ENDPOINT).length;
    event.addStatus(new ActiveStatus(`stand-in rabbitmq: ${n} relation(s)`));
  }

  /** The configured hostname, else this unit's ingress address on the endpoint. */
  private hostname(): string {
    const configured = String(this.config.hostname ?? '');
    if (configured !== '') return configured;
    return String(this.model.getBinding(ENDPOINT).network.ingressAddress ?? this.app.name);
  }
}
