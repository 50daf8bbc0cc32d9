import { randomUUID } from 'node:crypto';
import { ChangeStore } from './change-store.js';
import { type CheckProbe, CheckRunner } from './check-runner.js';
import { CheckStore } from './check-store.js';
import { ExecSessions } from './exec-sessions.js';
import type { ExecHandler, ExecLookup } from './exec-types.js';
import { FilesApi } from './files-api.js';
import { IdentityStore } from './identity-store.js';
import { NoticeStore } from './notice-store.js';
import { PlanState } from './plan-state.js';
import { DEFAULT_OKAY_DELAY_MS, ServiceManager } from './service-manager.js';
import { type ServiceRunner, STATE_ONLY_RUNNER } from './service-runner.js';
import { SupervisingServiceManager } from './service-supervisor.js';
import { REAL_TIMERS, type Timers } from './timers.js';

/** How a server that lives as long as its workloads supervises them. */
export interface Supervision {
  /** Restart services as Pebble does (on-success/on-failure/on-check-failure, backoff). */
  services: boolean;
  /** Run checks on their period with this probe; without it checks change only when the host sets them. */
  checkProbe?: CheckProbe;
  /** Timers to schedule on (default: real time). */
  timers?: Timers;
  /** Where notices go (Pebble's logger lines). */
  log?: (line: string) => void;
}

/** A signal sent through `POST /v1/signals`. */
export interface SentSignal {
  signal: string;
  services: string[];
}

/** Everything one fake Pebble holds; routes read and change it. */
export class ServerState {
  readonly plan = new PlanState();
  readonly changes = new ChangeStore();
  readonly services: ServiceManager;
  readonly checks = new CheckStore(this.plan, this.changes);
  readonly identities = new IdentityStore();
  readonly notices = new NoticeStore();
  readonly files: FilesApi;
  readonly exec: ExecSessions;
  readonly bootId = randomUUID();
  readonly signals: SentSignal[] = [];
  /** Runs the checks for real, when the server supervises them. */
  readonly checkRunner: CheckRunner | undefined;

  constructor(
    filesRoot: string,
    execHandler: ExecHandler | undefined,
    /** Version string reported by system-info. */
    readonly version: string,
    /** Answer 404 on `/v1/changes/<id>/wait`, like an old Pebble (to exercise client polling). */
    readonly disableWaitEndpoint: boolean,
    runner?: ServiceRunner,
    okayDelayMs?: number,
    execLookup?: ExecLookup,
    supervision?: Supervision,
  ) {
    const timers = supervision?.timers ?? REAL_TIMERS;
    this.services = supervision?.services
      ? new SupervisingServiceManager(
          this.plan,
          this.changes,
          runner ?? STATE_ONLY_RUNNER,
          okayDelayMs ?? DEFAULT_OKAY_DELAY_MS,
          timers,
          supervision.log,
        )
      : new ServiceManager(this.plan, this.changes, runner, okayDelayMs);
    this.checkRunner = supervision?.checkProbe
      ? new CheckRunner(this.checks, supervision.checkProbe, timers)
      : undefined;
    // checkstate callFailureHandlers -> servstate CheckFailed.
    this.checks.onThreshold((name) => this.services.checkFailed(name));
    this.files = new FilesApi(filesRoot);
    this.exec = new ExecSessions(
      this.changes,
      filesRoot,
      execHandler,
      execLookup,
      () => this.plan.plan().services ?? {},
    );
  }
}
