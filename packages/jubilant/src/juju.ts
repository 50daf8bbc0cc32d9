// The integration-test client: one method per juju command, as Canonical's jubilant `Juju` class
// (canonical/jubilant jubilant/_juju.py), async, over the backend the environment picks (backend.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import {
  type AddModelOptions,
  type AddUnitOptions,
  addModelArgs,
  addSecretArgs,
  addUnitArgs,
  type ConfigValue,
  configGetArgs,
  configSetArgs,
  type DebugLogOptions,
  type DeployOptions,
  type DestroyModelOptions,
  debugLogArgs,
  deployArgs,
  destroyModelArgs,
  type ExecTarget,
  execArgs,
  grantSecretArgs,
  integrateArgs,
  type RefreshOptions,
  type RemoveUnitOptions,
  refreshArgs,
  removeApplicationArgs,
  removeRelationArgs,
  removeSecretArgs,
  removeUnitArgs,
  runArgs,
  type ShowSecretOptions,
  STATUS_ARGS,
  secretsArgs,
  showSecretArgs,
  showUnitArgs,
  type UpdateSecretOptions,
  updateSecretArgs,
  VERSION_ARGS,
} from './argv.js';
import { type Backend, backendFromEnv } from './backend.js';
import { CLIError, JujuTimeoutError, WaitError } from './errors.js';
import { parseJson } from './json.js';
import { parseConfig, parseVersion, type Version } from './outputs.js';
import { type ProcessResult, runProcess } from './process.js';
import { redact } from './redact.js';
import {
  parseSecrets,
  parseShownSecret,
  type RevealedSecret,
  type Secret,
  type SecretURI,
} from './secrets.js';
import { describeStatus, parseStatus } from './status.js';
import type { Status } from './status-types.js';
import { type Task, TaskError, taskFromOutput } from './task.js';
import { copyInto, tempRoot, which, withTempDir, writePrivate } from './temp-file.js';
import { parseUnitInfo, type UnitInfo } from './unit-info.js';

/** Config keys whose values are kept out of error messages. */
const SECRET_LOOKING_KEY = /(secret|password|passwd|token|(^|[-_])key)([-_]|$)/i;

/** Options of a `Juju` client. */
export interface JujuOptions {
  /** The model to operate on (`[<controller>:][<user>/]<model>`); the CLI's current model when unset. */
  readonly model?: string;
  /** Default `wait` timeout in seconds (180, as jubilant). */
  readonly waitTimeout?: number;
  /** How to run juju; by default the one `$OPS_TS_JUJU_BACKEND` picks (`sim` unless set to `real`). */
  readonly backend?: Backend;
  /** Environment of the juju processes (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
  /** Working directory of the juju processes (the simulator keeps `.sim/` there). */
  readonly cwd?: string;
}

/** Options of `wait`. */
export interface WaitOptions {
  /** Throws WaitError as soon as this returns true for a status. */
  readonly error?: (status: Status) => boolean;
  /** Seconds before JujuTimeoutError (default: the client's `waitTimeout`). */
  readonly timeout?: number;
  /** Seconds between status calls (default 1). */
  readonly delay?: number;
  /** How many statuses in a row `ready` must accept (default 3). */
  readonly successes?: number;
}

/** Options of `cliRaw`. */
export interface CliOptions {
  /** Insert `--model <model>` after the command name when a model is set (default true). */
  readonly includeModel?: boolean;
  /** Text for the command's standard input. */
  readonly stdin?: string;
}

/** Runs juju commands for integration tests, against the simulator or a real Juju model. */
export class Juju {
  /** The model operated on, or undefined for the CLI's current model (set by `addModel`). */
  model: string | undefined;
  /** The backend commands run on. */
  readonly backend: Backend;
  /** Default `wait` timeout, in seconds. */
  readonly waitTimeout: number;
  readonly #env: NodeJS.ProcessEnv;
  readonly #cwd: string | undefined;
  /** Secret values this client has sent or revealed, kept out of every error it raises. */
  readonly #secretValues = new Set<string>();

  constructor(options: JujuOptions = {}) {
    this.#env = options.env ?? process.env;
    this.model = options.model;
    this.waitTimeout = options.waitTimeout ?? 180;
    this.backend = options.backend ?? backendFromEnv(this.#env);
    this.#cwd = options.cwd;
  }

  // --- the escape hatch -----------------------------------------------------------------------------

  /** Runs `juju <args>` (with `--model` when set) and returns its stdout; fails with CLIError. */
  async cli(...args: string[]): Promise<string> {
    return (await this.cliRaw(args)).stdout;
  }

  /** Runs `juju <args>` with options and returns stdout and stderr; fails with CLIError. */
  async cliRaw(
    args: readonly string[],
    options: CliOptions = {},
  ): Promise<{ stdout: string; stderr: string }> {
    const result = await this.#call(args, options);
    if (result.exitCode !== 0) throw this.#cliError(result);
    return { stdout: result.stdout, stderr: result.stderr };
  }

  // --- applications ---------------------------------------------------------------------------------

  /** Deploys a charm (a Charmhub name, or a local `.charm` path starting with `.` or `/`). */
  async deploy(charm: string, options: DeployOptions = {}): Promise<void> {
    this.#hideSecretLooking(options.config);
    await this.#withJujuDir(async (stage) => {
      const resources = options.resources ? await stage.resources(options.resources) : undefined;
      await this.cliRaw(deployArgs(await stage.path(charm), { ...options, ...(resources && { resources }) }));
    });
  }

  /** Refreshes (upgrades) an application's charm, for example to a local charm file (`path`). */
  async refresh(app: string, options: RefreshOptions = {}): Promise<void> {
    await this.#withJujuDir(async (stage) => {
      const resources = options.resources ? await stage.resources(options.resources) : undefined;
      const path = options.path !== undefined ? await stage.path(options.path) : undefined;
      await this.cliRaw(
        refreshArgs(app, {
          ...options,
          ...(path !== undefined && { path }),
          ...(resources && { resources }),
        }),
      );
    });
  }

  /** Relates two applications (`app` or `app:endpoint`). */
  async integrate(
    app1: string,
    app2: string,
    options: { via?: string | readonly string[] } = {},
  ): Promise<void> {
    await this.cliRaw(integrateArgs(app1, app2, options));
  }

  /** Removes the relation between two applications. */
  async removeRelation(app1: string, app2: string, options: { force?: boolean } = {}): Promise<void> {
    await this.cliRaw(removeRelationArgs(app1, app2, options));
  }

  /** An application's charm config (`settings`), or its application config with `appConfig`. */
  async config(app: string, options: { appConfig?: boolean } = {}): Promise<Record<string, ConfigValue>> {
    const { stdout } = await this.cliRaw(configGetArgs(app));
    return parseConfig(parseJson(stdout, 'config'), options.appConfig);
  }

  /** Sets config values (and resets the keys in `reset` to their defaults). */
  async setConfig(
    app: string,
    values: Readonly<Record<string, ConfigValue>>,
    options: { reset?: readonly string[] } = {},
  ): Promise<void> {
    this.#hideSecretLooking(values);
    await this.cliRaw(configSetArgs(app, values, options.reset));
  }

  /**
   * Config values go on juju's argv (as with jubilant), but those of keys that name a secret
   * (`…-secret`, `password`, `token`, `…-key`) are redacted from this client's error messages.
   */
  #hideSecretLooking(values: Readonly<Record<string, ConfigValue>> | undefined): void {
    for (const [key, value] of Object.entries(values ?? {}))
      if (SECRET_LOOKING_KEY.test(key) && typeof value === 'string') this.#secretValues.add(value);
  }

  /** Resets config keys to their defaults. */
  async resetConfig(app: string, keys: string | readonly string[]): Promise<void> {
    await this.cliRaw(configSetArgs(app, {}, typeof keys === 'string' ? [keys] : keys));
  }

  /** Adds units to an application. */
  async addUnit(app: string, options: AddUnitOptions = {}): Promise<void> {
    await this.cliRaw(addUnitArgs(app, options));
  }

  /** Removes units: named units on machine models, or `app` with `numUnits` on Kubernetes models. */
  async removeUnit(appOrUnits: string | readonly string[], options: RemoveUnitOptions = {}): Promise<void> {
    await this.cliRaw(removeUnitArgs(appOrUnits, options));
  }

  /** Removes applications. */
  async removeApplication(
    apps: string | readonly string[],
    options: { destroyStorage?: boolean; force?: boolean } = {},
  ): Promise<void> {
    await this.cliRaw(removeApplicationArgs(apps, options));
  }

  // --- actions and commands ---------------------------------------------------------------------------

  /**
   * Runs an action on a unit (`app/N` or `app/leader`) and waits for it. Params go through a private
   * `--params` file (nested objects as they are). Throws TaskError if the action failed, JujuTimeoutError
   * if `wait` (seconds) ran out, an Error if the unit or action does not exist.
   */
  async run(
    unit: string,
    action: string,
    params?: Readonly<Record<string, unknown>>,
    options: { wait?: number } = {},
  ): Promise<Task> {
    const what = `action ${JSON.stringify(action)} on ${unit}`;
    if (params === undefined) return this.#task(what, await this.#call(runArgs(unit, action, options)));
    return withTempDir(await this.#tempRoot(), async (dir) => {
      const paramsFile = await writePrivate(dir, 'params.yaml', stringify(params));
      return this.#task(what, await this.#call(runArgs(unit, action, { ...options, paramsFile })));
    });
  }

  /**
   * Runs a command on a unit or machine (`juju exec`), through the shell, so `command` may hold its own
   * arguments. Throws TaskError when the command fails (non-zero exit), as `run` does.
   */
  async exec(command: string, target: ExecTarget & { wait?: number }): Promise<Task>;
  async exec(command: string, args: readonly string[], target: ExecTarget & { wait?: number }): Promise<Task>;
  async exec(
    command: string,
    argsOrTarget: readonly string[] | (ExecTarget & { wait?: number }),
    maybeTarget?: ExecTarget & { wait?: number },
  ): Promise<Task> {
    const [args, target] = Array.isArray(argsOrTarget)
      ? [argsOrTarget as readonly string[], maybeTarget]
      : [[], argsOrTarget as ExecTarget & { wait?: number }];
    if (!target) throw new Error('exec: give a unit or a machine');
    const where = target.unit ?? `machine ${target.machine}`;
    return this.#task(
      `command ${JSON.stringify(command)} on ${where}`,
      await this.#call(execArgs(command, args, target)),
    );
  }

  // --- secrets -----------------------------------------------------------------------------------------

  /** Adds a user secret and returns its URI; the content goes through a private file, never argv. */
  async addSecret(
    name: string,
    content: Readonly<Record<string, string>>,
    options: { info?: string } = {},
  ): Promise<SecretURI> {
    const stdout = await this.#withSecretFile(content, (file) => addSecretArgs(name, file, options));
    const uri = stdout.trim();
    if (!uri.startsWith('secret:'))
      throw new Error(`juju add-secret ${name}: expected a secret URI, got ${JSON.stringify(uri)}`);
    return uri as SecretURI;
  }

  /** Sets new content (a new revision) and optionally a new description or name for a user secret. */
  async updateSecret(
    identifier: string,
    content: Readonly<Record<string, string>>,
    options: UpdateSecretOptions = {},
  ): Promise<void> {
    await this.#withSecretFile(content, (file) => updateSecretArgs(identifier, file, options));
  }

  /** Grants applications access to a user secret. */
  async grantSecret(identifier: string, apps: string | readonly string[]): Promise<void> {
    await this.cliRaw(grantSecretArgs(identifier, apps));
  }

  /** Removes a secret (or one revision of it). */
  async removeSecret(identifier: string, options: { revision?: number } = {}): Promise<void> {
    await this.cliRaw(removeSecretArgs(identifier, options));
  }

  /** The model's secrets (metadata only). */
  async secrets(options: { owner?: string } = {}): Promise<Secret[]> {
    return parseSecrets(parseJson((await this.cliRaw(secretsArgs(options))).stdout, 'secrets'));
  }

  /** One secret's metadata, or with `reveal` its content too. */
  async showSecret(
    identifier: string,
    options: ShowSecretOptions & { reveal: true },
  ): Promise<RevealedSecret>;
  async showSecret(identifier: string, options?: ShowSecretOptions): Promise<Secret>;
  async showSecret(identifier: string, options: ShowSecretOptions = {}): Promise<Secret | RevealedSecret> {
    if (options.reveal && options.revisions)
      throw new Error('showSecret: reveal and revisions cannot be combined');
    const result = await this.#call(showSecretArgs(identifier, options));
    if (result.exitCode !== 0) throw this.#cliError(options.reveal ? { ...result, stdout: '' } : result);
    const secret = parseShownSecret(parseJson(result.stdout, 'show-secret'), identifier);
    if ('content' in secret) for (const v of Object.values(secret.content)) this.#secretValues.add(v);
    return secret;
  }

  // --- status and waiting ------------------------------------------------------------------------------

  /** One unit's details: charm, leadership, opened ports, and each relation's remote data. */
  async showUnit(unit: string): Promise<UnitInfo> {
    return parseUnitInfo(parseJson((await this.cliRaw(showUnitArgs(unit))).stdout, 'show-unit'), unit);
  }

  /** The model's status, parsed. */
  async status(): Promise<Status> {
    return parseStatus(parseJson((await this.cliRaw(STATUS_ARGS)).stdout, 'status'));
  }

  /**
   * Fetches the status every `delay` seconds until `ready(status)` is true `successes` times in a row, and
   * returns that status (jubilant's `Juju.wait`). Throws WaitError when `error(status)` is true, and
   * JujuTimeoutError after `timeout` seconds; both messages end with the last status.
   */
  async wait(ready: (status: Status) => boolean, options: WaitOptions = {}): Promise<Status> {
    const timeout = options.timeout ?? this.waitTimeout;
    const delay = options.delay ?? 1;
    const successes = options.successes ?? 3;
    const start = performance.now();
    let last: Status | undefined;
    let count = 0;
    while (performance.now() - start < timeout * 1000) {
      last = await this.status();
      if (options.error?.(last)) {
        const name = options.error.name || 'error';
        throw new WaitError(`error function ${name} returned true\n${describeStatus(last)}`);
      }
      if (ready(last)) {
        count += 1;
        if (count >= successes) return last;
      } else count = 0;
      await sleep(delay * 1000);
    }
    throw new JujuTimeoutError(`wait timed out after ${timeout}s${last ? `\n${describeStatus(last)}` : ''}`);
  }

  /** The model's debug log (the last `limit` lines; all when 0). */
  async debugLog(options: DebugLogOptions = {}): Promise<string> {
    return (await this.cliRaw(debugLogArgs(options))).stdout;
  }

  // --- models -----------------------------------------------------------------------------------------

  /** Adds a model without switching the CLI to it, and makes it this client's model. */
  async addModel(model: string, options: AddModelOptions = {}): Promise<void> {
    await this.cliRaw(addModelArgs(model, options), { includeModel: false });
    this.model = options.controller !== undefined ? `${options.controller}:${model}` : model;
  }

  /** Destroys a model (without prompting); forgets it if it is this client's model. */
  async destroyModel(model: string, options: DestroyModelOptions = {}): Promise<void> {
    await this.cliRaw(destroyModelArgs(model, options), { includeModel: false });
    if (this.model !== undefined && sameModel(model, this.model)) this.model = undefined;
  }

  /** The juju CLI's version. */
  async version(): Promise<Version> {
    return parseVersion(
      parseJson((await this.cliRaw(VERSION_ARGS, { includeModel: false })).stdout, 'version'),
    );
  }

  // --- internals --------------------------------------------------------------------------------------

  /** Runs one juju command, whatever its exit code. */
  #call(args: readonly string[], options: CliOptions = {}): Promise<CallResult> {
    const [verb, ...rest] = args;
    if (verb === undefined) throw new Error('cli: no juju command given');
    const withModel =
      (options.includeModel ?? true) && this.model !== undefined
        ? [verb, '--model', this.model, ...rest]
        : [verb, ...rest];
    return runProcess(this.backend.command, [...this.backend.prefix, ...withModel], {
      env: this.#env,
      ...(this.#cwd !== undefined && { cwd: this.#cwd }),
      ...(options.stdin !== undefined && { stdin: options.stdin }),
    }).then((r) => ({ ...r, args: withModel }));
  }

  /** A CLIError for a failed call, with every secret value this client knows redacted. */
  #cliError(result: CallResult): CLIError {
    const hide = (s: string) => redact(s, this.#secretValues);
    return new CLIError(result.args.map(hide), result.exitCode, hide(result.stdout), hide(result.stderr));
  }

  /** The Task of a `juju run`/`juju exec` call, with jubilant's reading of its failures. */
  #task(what: string, result: CallResult): Task {
    if (result.exitCode !== 0) {
      if (result.stderr.includes('timed out'))
        throw new JujuTimeoutError(
          `timed out waiting for ${what}: ${redact(result.stderr, this.#secretValues).trim()}`,
        );
      if (result.stderr.includes('(not found)'))
        throw new Error(`error running ${what}: ${redact(result.stderr, this.#secretValues).trim()}`);
      // `juju run`/`juju exec` exit non-zero when the task failed, with the task still on stdout.
      if (!result.stderr.includes('task failed')) throw this.#cliError(result);
    }
    const task = result.stdout.trim() ? taskFromOutput(parseJson(result.stdout, what)) : undefined;
    // No task in the output: no such unit (juju 3 prints nothing and says why on stderr).
    if (!task)
      throw new Error(
        `error running ${what}: ${redact(result.stderr, this.#secretValues).trim() || 'no task in the output'}`,
      );
    if (!task.success)
      throw new TaskError(task, redact(`task error: ${task.toString()}`, this.#secretValues));
    return task;
  }

  /** Runs a secret command with `content` in a private YAML file named by `--file`; returns stdout. */
  async #withSecretFile(
    content: Readonly<Record<string, string>>,
    args: (file: string) => string[],
  ): Promise<string> {
    for (const v of Object.values(content)) this.#secretValues.add(v);
    return withTempDir(await this.#tempRoot(), async (dir) => {
      const file = await writePrivate(dir, 'content.yaml', stringify({ ...content }));
      return (await this.cliRaw(args(file))).stdout;
    });
  }

  /** Runs `f` with helpers that make local files readable to juju (copies for a snap-confined juju). */
  async #withJujuDir<T>(f: (stage: Stager) => Promise<T>): Promise<T> {
    if (!this.#isSnap()) return f({ path: async (p) => p, resources: async (r) => r });
    return withTempDir(await this.#tempRoot(), (dir) =>
      f({
        path: async (p) => (isLocal(p) ? copyInto(dir, p, '_temp.charm') : p),
        resources: async (r) => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(r)) out[k] = isLocal(v) ? await copyInto(dir, v, k) : v;
          return out;
        },
      }),
    );
  }

  #isSnap(): boolean {
    return (
      this.backend.name === 'real' &&
      (which(this.backend.command, this.#env.PATH)?.includes('/snap/') ?? false)
    );
  }

  #tempRoot(): Promise<string> {
    return tempRoot(this.#isSnap(), this.#env.HOME || undefined);
  }
}

/** A finished juju call: what it printed, its exit code and the juju arguments it was given. */
type CallResult = ProcessResult & { readonly args: readonly string[] };

/** Makes local files readable to juju. */
interface Stager {
  path(path: string): Promise<string>;
  resources(resources: Readonly<Record<string, string>>): Promise<Record<string, string>>;
}

/** Whether a charm or resource argument names a local file (juju's rule: it starts with `.` or `/`). */
const isLocal = (p: string) => p.startsWith('.') || p.startsWith('/');

/** Whether two `[<controller>:][<user>/]<model>` names are the same model (unset parts match any). */
function sameModel(a: string, b: string): boolean {
  const parse = (s: string) => {
    const [controller, rest] = s.includes(':')
      ? [s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1)]
      : [undefined, s];
    const [user, model] = rest.includes('/')
      ? [rest.slice(0, rest.indexOf('/')), rest.slice(rest.indexOf('/') + 1)]
      : [undefined, rest];
    return { controller, user, model };
  };
  const x = parse(a);
  const y = parse(b);
  return (
    x.model === y.model &&
    (!x.controller || !y.controller || x.controller === y.controller) &&
    (!x.user || !y.user || x.user === y.user)
  );
}
