// `reboot({ now: true })` must end the dispatch at once, as ops's `sys.exit()` does.
import { DispatchAbort } from '../backend/abort.js';
import type { ModelBackend } from '../backend/backend.js';
import { ModelError } from '../backend/errors.js';
import type { Container, ContainerMapping } from './container.js';
import type { LeadershipCache } from './leadership.js';
import { type Port, type PortProtocol, type PortSpec, readOpenedPorts, setPorts, toPort } from './ports.js';
import { addSecret, type Secret, type SecretMetadata } from './secret.js';
import { assertSettable, StatusBase as Status, type StatusBase, UnknownStatus } from './status.js';

/** What units and applications need from the model they belong to. */
export interface EntityContext {
  readonly backend: ModelBackend;
  readonly unitName: string;
  readonly appName: string;
  /** The model's uuid (canonical secret ids). */
  readonly modelUuid: string;
  readonly leadership: LeadershipCache;
  /** Application objects by name, so the same name gives the same object. */
  getApp(name: string): Application;
  /** This unit's workload containers (from metadata). */
  readonly containers?: ContainerMapping;
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

  /**
   * Creates a secret owned by this application (`secret-add --owner application`; Juju lets only the
   * leader do it). Content values go to Juju through files, never argv.
   */
  addSecret(content: Readonly<Record<string, string>>, meta: SecretMetadata = {}): Secret {
    if (!this.isOurs) throw new Error(`cannot add a secret to remote application ${this.name}`);
    return addSecret(this.ctx, 'application', content, meta);
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

  /** Creates a secret owned by this unit (`secret-add --owner unit`). */
  addSecret(content: Readonly<Record<string, string>>, meta: SecretMetadata = {}): Secret {
    this.assertOurs('add a secret to');
    return addSecret(this.ctx, 'unit', content, meta);
  }

  /** Opens a port: `openPort('tcp', 8080)`, `openPort('icmp')`, `openPort('53/udp')`, `openPort(8080)`. */
  openPort(protocol: PortProtocol, port?: number): void;
  openPort(port: PortSpec): void;
  openPort(spec: PortSpec, port?: number): void {
    this.assertOurs('open a port on');
    const p = portOf(spec, port);
    this.ctx.backend.openPort(p.protocol, p.port);
  }

  /** Closes a port; same forms as `openPort`. */
  closePort(protocol: PortProtocol, port?: number): void;
  closePort(port: PortSpec): void;
  closePort(spec: PortSpec, port?: number): void {
    this.assertOurs('close a port on');
    const p = portOf(spec, port);
    this.ctx.backend.closePort(p.protocol, p.port);
  }

  /** The ports opened for this unit (committed ones: changes made in this hook are not shown yet). */
  openedPorts(): Port[] {
    this.assertOurs('list the ports of');
    return readOpenedPorts(this.ctx.backend);
  }

  /** Makes exactly these ports open, closing and opening only the difference. */
  setPorts(...ports: PortSpec[]): void {
    this.assertOurs('set the ports of');
    setPorts(this.ctx.backend, ports);
  }

  /**
   * Reboots the unit's machine after this hook (`juju-reboot`), or at once with `now: true`
   * (`juju-reboot --now`): Juju then kills the hook and runs it again after the reboot, so the dispatch
   * ends here without committing, as ops exits.
   */
  reboot(options: { now?: boolean } = {}): void {
    this.assertOurs('reboot');
    this.ctx.backend.reboot(options.now === true);
    if (options.now) throw new DispatchAbort(0);
  }

  /** The workload containers from metadata, by name; no I/O until one is used. */
  get containers(): Readonly<Record<string, Container>> {
    this.assertOurs('get the containers of');
    return this.ctx.containers?.all() ?? {};
  }

  /** The workload container with this name; ModelError if metadata declares none by that name. */
  getContainer(name: string): Container {
    this.assertOurs('get a container of');
    if (!this.ctx.containers) throw new ModelError(`container ${JSON.stringify(name)} not found`);
    return this.ctx.containers.get(name);
  }

  private assertOurs(what: string): void {
    if (!this.isOurs) throw new Error(`cannot ${what} remote unit ${this.name}`);
  }

  toString(): string {
    return `Unit(${this.name})`;
  }
}

/** The port of `openPort(spec)` or `openPort(protocol, port)`, checked before any tool runs. */
function portOf(spec: PortSpec, port: number | undefined): Port {
  return port === undefined ? toPort(spec) : toPort({ protocol: spec as PortProtocol, port });
}
