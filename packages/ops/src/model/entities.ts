import type { ModelBackend } from '../backend/backend.js';
import type { LeadershipCache } from './leadership.js';
import { assertSettable, StatusBase as Status, type StatusBase, UnknownStatus } from './status.js';

/** What units and applications need from the model they belong to. */
export interface EntityContext {
  readonly backend: ModelBackend;
  readonly unitName: string;
  readonly appName: string;
  readonly leadership: LeadershipCache;
  /** Application objects by name, so the same name gives the same object. */
  getApp(name: string): Application;
}

/** An application: ours or a remote one. */
export class Application {
  #status: StatusBase | undefined;

  constructor(
    /** The application's name. */
    readonly name: string,
    private readonly ctx: EntityContext,
  ) {}

  /** Whether this is the charm's own application. */
  get isOurs(): boolean {
    return this.name === this.ctx.appName;
  }

  /** The application status: only the leader may read or set its own; remote apps read as unknown. */
  get status(): StatusBase {
    if (!this.isOurs) return new UnknownStatus();
    if (this.#status) return this.#status;
    if (!this.ctx.leadership.isLeader()) {
      throw new Error(`cannot get application status as a non-leader unit (${this.ctx.unitName})`);
    }
    const reading = this.ctx.backend.statusGet(true);
    this.#status = Status.fromName(reading.status, reading.message);
    return this.#status;
  }

  set status(value: StatusBase) {
    assertSettable(value);
    if (!this.isOurs) throw new Error(`cannot set the status of remote application ${this.name}`);
    if (!this.ctx.leadership.isLeader()) {
      throw new Error(`cannot set application status as a non-leader unit (${this.ctx.unitName})`);
    }
    this.ctx.backend.statusSet(true, value.name, value.message);
    this.#status = value;
  }

  /** How many units Juju plans for this application (goal-state units not dying). */
  plannedUnits(): number {
    if (!this.isOurs) throw new Error(`cannot get planned units of remote application ${this.name}`);
    const goal = this.ctx.backend.goalState();
    return Object.values(goal.units).filter((u) => u.status !== 'dying').length;
  }

  toString(): string {
    return `Application(${this.name})`;
  }
}

/** A unit: this one, or a remote one seen through a relation. */
export class Unit {
  #status: StatusBase | undefined;

  constructor(
    /** The unit's name, e.g. `db/0`. */
    readonly name: string,
    private readonly ctx: EntityContext,
  ) {}

  /** The application this unit belongs to. */
  get app(): Application {
    return this.ctx.getApp(this.name.split('/')[0] ?? this.name);
  }

  /** Whether this is the unit the charm runs as. */
  get isOurs(): boolean {
    return this.name === this.ctx.unitName;
  }

  /** Whether this unit is the leader (cached for Juju's 30 s lease). */
  isLeader(): boolean {
    if (!this.isOurs) throw new Error(`leadership of remote unit ${this.name} is not known`);
    return this.ctx.leadership.isLeader();
  }

  /** The unit status; remote units read as unknown. */
  get status(): StatusBase {
    if (!this.isOurs) return new UnknownStatus();
    if (!this.#status) {
      const reading = this.ctx.backend.statusGet(false);
      this.#status = Status.fromName(reading.status, reading.message);
    }
    return this.#status;
  }

  set status(value: StatusBase) {
    assertSettable(value);
    if (!this.isOurs) throw new Error(`cannot set the status of remote unit ${this.name}`);
    this.ctx.backend.statusSet(false, value.name, value.message);
    this.#status = value;
  }

  /** Sets the workload version shown by `juju status`. */
  setWorkloadVersion(version: string): void {
    if (!this.isOurs) throw new Error(`cannot set the workload version of remote unit ${this.name}`);
    this.ctx.backend.applicationVersionSet(version);
  }

  toString(): string {
    return `Unit(${this.name})`;
  }
}
