/**
 * Secret keeper: the ops-ts example of Juju secrets and actions. Its leader keeps a generated password in
 * an application-owned secret (label `keeper-password`), grants it to every application related on
 * `credentials` and publishes the secret id there; a keeper related on `vault` reads the other side's
 * password and follows its new revisions. `rotate-password` sets a new revision; secret-remove drops
 * revisions nobody tracks any more. Passwords only ever go to files for the workload, never to logs,
 * statuses, relation data or action results.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type ActionEvent,
  ActiveStatus,
  CharmBase,
  type CollectStatusEvent,
  type Framework,
  type InstallEvent,
  type JsonObject,
  type LeaderElectedEvent,
  type Relation,
  type RelationChangedEvent,
  type RelationJoinedEvent,
  type Secret,
  type SecretChangedEvent,
  SecretNotFoundError,
  type SecretRemoveEvent,
  StoredState,
  WaitingStatus,
} from '@ops-ts/ops';
import type { SecretKeeperTypes } from './generated/charm-types.js';
import { CHARSETS, type Charset, generatePassword } from './password.js';

/** The label of the password secret this application owns. */
export const OWNER_LABEL = 'keeper-password';
/** The label this charm gives the secret it receives over `vault`. */
export const CONSUMER_LABEL = 'vault-password';

/** The params of `rotate-password`, as the handler uses them. */
export interface RotateParams {
  length: number;
  charset: Charset;
}

/** Types the (already schema-checked) `rotate-password` params. */
export function parseRotateParams(params: JsonObject): RotateParams {
  const { length, charset } = params;
  if (typeof length !== 'number' || typeof charset !== 'string' || !(charset in CHARSETS)) {
    throw new TypeError('rotate-password needs an integer length and a known charset');
  }
  return { length, charset: charset as Charset };
}

/** The charm: owner of one password secret, and consumer of another keeper's. */
export class SecretKeeperCharm extends CharmBase<SecretKeeperTypes> {
  readonly stored = new StoredState(this, 'stored', { received: false as boolean, rotations: 0 });

  constructor(framework: Framework) {
    super(framework);
    this.observe(this.on.install, this.onInstall);
    this.observe(this.on.leaderElected, this.onLeaderElected);
    this.observe(this.on.relationJoined('credentials'), this.onCredentialsJoined);
    this.observe(this.on.relationChanged('vault'), this.onVaultChanged);
    this.observe(this.on.secretChanged, this.onSecretChanged);
    this.observe(this.on.secretRemove, this.onSecretRemove);
    this.observe(this.on.action('rotate-password'), this.onRotatePassword);
    this.observe(this.on.collectUnitStatus, this.onCollectStatus);
  }

  onInstall(_event: InstallEvent): void {
    if (this.unit.isLeader()) this.ensurePassword();
  }

  onLeaderElected(_event: LeaderElectedEvent): void {
    this.ensurePassword();
  }

  onCredentialsJoined(event: RelationJoinedEvent): void {
    if (this.unit.isLeader()) this.share(event.relation);
  }

  onVaultChanged(event: RelationChangedEvent): void {
    const id = event.app ? event.relation.data.get(event.app).get('secret-id') : undefined;
    if (!id) return; // the keeper has not published it yet
    // Reading by id with a label labels the secret for us: later secret-changed events carry the label.
    const secret = this.model.getSecret({ id, label: CONSUMER_LABEL });
    this.render('vault-password', secret.getContent());
  }

  onSecretChanged(event: SecretChangedEvent): void {
    if (event.secretLabel !== CONSUMER_LABEL) return;
    // Move our tracking to the newest revision (Juju then stops firing secret-changed for it).
    this.render('vault-password', event.secret.getContent({ refresh: true }));
  }

  onSecretRemove(event: SecretRemoveEvent): void {
    // Nobody tracks this revision any more: drop it.
    event.removeRevision();
    this.framework.logger.info(`removed revision ${event.revision} of ${event.secretLabel ?? 'a secret'}`);
  }

  onRotatePassword(event: ActionEvent): void {
    const params = event.loadParams(parseRotateParams, { errors: 'fail' });
    if (!this.unit.isLeader()) {
      event.fail('only the leader can rotate the password');
      return;
    }
    const secret = this.passwordSecret() ?? this.addPasswordSecret();
    const password = generatePassword(params.length, params.charset);
    secret.setContent({ password });
    this.writeFile('password', password);
    this.stored.data.rotations += 1;
    event.log(`new revision of ${OWNER_LABEL} set`);
    event.setResults({
      password: { length: params.length, charset: params.charset },
      secret: { id: secret.id ?? secret.getInfo().id, label: OWNER_LABEL },
      rotations: this.stored.data.rotations,
    });
  }

  onCollectStatus(event: CollectStatusEvent): void {
    if (this.model.relations('vault').length > 0 && !this.stored.data.received) {
      event.addStatus(new WaitingStatus('waiting for the vault password'));
    }
    const shared = this.model.relations('credentials').length;
    event.addStatus(new ActiveStatus(shared > 0 ? `password shared with ${shared} application(s)` : ''));
  }

  /** The password secret this application owns, if it exists. */
  private passwordSecret(): Secret | undefined {
    try {
      return this.model.getSecret({ label: OWNER_LABEL });
    } catch (error) {
      if (error instanceof SecretNotFoundError) return undefined;
      throw error;
    }
  }

  /** Creates the password secret (leader only): app-owned, labelled, with a generated password. */
  private addPasswordSecret(): Secret {
    return this.app.addSecret(
      { password: generatePassword(24, 'alnum') },
      { label: OWNER_LABEL, description: 'password of the secret-keeper workload' },
    );
  }

  /** The leader's password secret, created on first use, and rendered for the workload. */
  private ensurePassword(): Secret {
    const secret = this.passwordSecret() ?? this.addPasswordSecret();
    const { password } = secret.getContent();
    if (password !== undefined) this.writeFile('password', password);
    return secret;
  }

  /** Grants the remote application access to the password and publishes the secret id. */
  private share(relation: Relation): void {
    const secret = this.ensurePassword();
    secret.grant(relation);
    relation.data.get(this.app).set('secret-id', secret.id ?? secret.getInfo().id);
  }

  /** Writes the received password for the workload and remembers that we have one. */
  private render(file: string, content: Record<string, string>): void {
    const { password } = content;
    if (password === undefined) return;
    this.writeFile(file, password);
    this.stored.data.received = true;
  }

  /** Writes `<data-dir>/<file>` readable by its owner only. */
  private writeFile(file: string, value: string): void {
    const path = join(this.config['data-dir'], file);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, value, { mode: 0o600 });
  }
}
