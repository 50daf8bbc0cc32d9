import { randomUUID } from 'node:crypto';
import { ChangeStore } from './change-store.js';
import { CheckStore } from './check-store.js';
import { ExecSessions } from './exec-sessions.js';
import type { ExecHandler, ExecLookup } from './exec-types.js';
import { FilesApi } from './files-api.js';
import { IdentityStore } from './identity-store.js';
import { NoticeStore } from './notice-store.js';
import { PlanState } from './plan-state.js';
import { ServiceManager } from './service-manager.js';
import type { ServiceRunner } from './service-runner.js';

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
  ) {
    this.services = new ServiceManager(this.plan, this.changes, runner, okayDelayMs);
    this.files = new FilesApi(filesRoot);
    this.exec = new ExecSessions(this.changes, filesRoot, execHandler, execLookup);
  }
}
