/**
 * Greeter: the ops-ts example charm. It publishes its configured greeting to every related application
 * (app data, leader only) and its unit address (unit data), remembers what it published and who listens
 * in stored state, defers relation events until it has started, and reports its status through
 * collect-status. Deployed on the other side of the relation (`audience`), it introduces itself with its
 * unit name and shows the greeting it heard.
 */
import {
  ActiveStatus,
  BlockedStatus,
  CharmBase,
  type CollectStatusEvent,
  type ConfigChangedEvent,
  type Framework,
  type RelationChangedEvent,
  type RelationCreatedEvent,
  type RelationJoinedEvent,
  type StartEvent,
  StoredState,
  WaitingStatus,
} from '@ops-ts/ops';
import type { GreeterTypes } from './generated/charm-types.js';

export class GreeterCharm extends CharmBase<GreeterTypes> {
  readonly stored = new StoredState(this, 'stored', {
    started: false as boolean,
    configChanges: 0,
    published: '',
    audience: [] as string[],
  });

  constructor(framework: Framework) {
    super(framework);
    this.observe(this.on.start, this.onStart);
    this.observe(this.on.configChanged, this.onConfigChanged);
    this.observe(this.on.relationJoined('greeting'), this.onGreetingJoined);
    this.observe(this.on.relationChanged('greeting'), this.onGreetingChanged);
    this.observe(this.on.relationCreated('audience'), this.onAudienceCreated);
    this.observe(this.on.collectUnitStatus, this.onCollectStatus);
  }

  onStart(_event: StartEvent): void {
    this.stored.data.started = true;
  }

  onConfigChanged(_event: ConfigChangedEvent): void {
    this.stored.data.configChanges += 1;
    this.publish();
  }

  onGreetingJoined(_event: RelationJoinedEvent): void {
    this.publish();
  }

  onGreetingChanged(event: RelationChangedEvent): void {
    // Before start the workload cannot greet anyone yet: try again on the next hook.
    if (!this.stored.data.started) {
      event.defer();
      return;
    }
    const name = event.unit ? event.relation.data.get(event.unit).get('name') : undefined;
    if (name && !this.stored.data.audience.includes(name)) this.stored.data.audience.push(name);
  }

  /** On the listening side (`audience`), introduce this unit to the greeter. */
  onAudienceCreated(event: RelationCreatedEvent): void {
    event.relation.data.get(this.unit).set('name', this.unit.name);
  }

  onCollectStatus(event: CollectStatusEvent): void {
    const greeting = this.config.greeting;
    if (greeting === '') event.addStatus(new BlockedStatus('greeting must not be empty'));
    if (this.model.relations('greeting').length > 0) {
      event.addStatus(new ActiveStatus(`greeting ${this.stored.data.audience.length} audience member(s)`));
      return;
    }
    // Not greeting anyone: say what this unit heard as a member of another greeter's audience.
    const heard = this.model
      .relations('audience')
      .map((r) => (r.app ? r.data.get(r.app).get('greeting') : undefined))
      .filter((g): g is string => Boolean(g));
    if (heard.length > 0)
      event.addStatus(new ActiveStatus(`heard ${heard.map((g) => JSON.stringify(g)).join(', ')}`));
    else event.addStatus(new WaitingStatus('no audience yet'));
  }

  /** Writes the greeting (leader, app bag) and this unit's address (unit bag) to every relation. */
  private publish(): void {
    const greeting = this.config.greeting;
    for (const relation of this.model.relations('greeting')) {
      relation.data
        .get(this.unit)
        .set('host', `${this.unit.name.replace('/', '-')}.local:${this.config.port}`);
      if (this.unit.isLeader()) relation.data.get(this.app).set('greeting', greeting);
    }
    this.stored.data.published = greeting;
  }
}
