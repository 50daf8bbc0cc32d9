// The juju command line each client method sends, as jubilant builds it (canonical/jubilant
// jubilant/_juju.py, one builder per method, flags in the same order). Pure functions: `Juju` adds the
// `--model` flag, temporary files and the process. Durations are in seconds (`--wait 60s`).

/** A charm or model config value. Booleans are sent as `true`/`false`. */
export type ConfigValue = boolean | number | string;

/** `key=value`, with booleans as `true`/`false` (jubilant's `_format_config`). */
export function formatConfig(key: string, value: ConfigValue): string {
  return `${key}=${typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value)}`;
}

/** One value, or several joined with commas. */
const joined = (v: string | readonly string[]): string => (typeof v === 'string' ? v : v.join(','));
const seconds = (s: number): string => `${s}s`;

function configFlags(flag: string, values: Readonly<Record<string, ConfigValue>> | undefined): string[] {
  return Object.entries(values ?? {}).flatMap(([k, v]) => [flag, formatConfig(k, v)]);
}

function pairFlags(flag: string, values: Readonly<Record<string, string>> | undefined): string[] {
  return Object.entries(values ?? {}).flatMap(([k, v]) => [flag, `${k}=${v}`]);
}

function positiveInteger(what: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a positive integer, got ${n}`);
}

/** Options of `deploy`. */
export interface DeployOptions {
  /** Application name (defaults to the charm's name). */
  readonly app?: string;
  readonly attachStorage?: string | readonly string[];
  /** For example `ubuntu@22.04`. */
  readonly base?: string;
  /** Endpoint → space, or one space for all endpoints. */
  readonly bind?: string | Readonly<Record<string, string>>;
  readonly channel?: string;
  readonly config?: Readonly<Record<string, ConfigValue>>;
  readonly constraints?: Readonly<Record<string, ConfigValue>>;
  readonly force?: boolean;
  /** Number of units (default 1). */
  readonly numUnits?: number;
  readonly overlays?: readonly string[];
  /** Resource name → file path (or OCI image reference, or revision). */
  readonly resources?: Readonly<Record<string, string>>;
  readonly revision?: number;
  /** Storage name → directive, for example `{ data: 'tmpfs,1G' }`. */
  readonly storage?: Readonly<Record<string, string>>;
  readonly to?: string | readonly string[];
  readonly trust?: boolean;
}

/** `juju deploy <charm> [<app>] [flags]`. */
export function deployArgs(charm: string, o: DeployOptions = {}): string[] {
  const args = ['deploy', charm];
  if (o.app !== undefined) args.push(o.app);
  if (o.attachStorage?.length) args.push('--attach-storage', joined(o.attachStorage));
  if (o.base !== undefined) args.push('--base', o.base);
  if (o.bind !== undefined)
    args.push(
      '--bind',
      typeof o.bind === 'string'
        ? o.bind
        : Object.entries(o.bind)
            .map(([k, v]) => `${k}=${v}`)
            .join(' '),
    );
  if (o.channel !== undefined) args.push('--channel', o.channel);
  args.push(...configFlags('--config', o.config), ...configFlags('--constraints', o.constraints));
  if (o.force) args.push('--force');
  if (o.numUnits !== undefined && o.numUnits !== 1) {
    positiveInteger('numUnits', o.numUnits);
    args.push('--num-units', String(o.numUnits));
  }
  for (const overlay of o.overlays ?? []) args.push('--overlay', overlay);
  args.push(...pairFlags('--resource', o.resources));
  if (o.revision !== undefined) args.push('--revision', String(o.revision));
  args.push(...pairFlags('--storage', o.storage));
  if (o.to?.length) args.push('--to', joined(o.to));
  if (o.trust) args.push('--trust');
  return args;
}

/** Options of `refresh`. */
export interface RefreshOptions {
  readonly base?: string;
  readonly channel?: string;
  readonly config?: Readonly<Record<string, ConfigValue>>;
  /** `--force --force-base --force-units`. */
  readonly force?: boolean;
  /** A local charm file to refresh to. */
  readonly path?: string;
  readonly resources?: Readonly<Record<string, string>>;
  readonly revision?: number;
  readonly storage?: Readonly<Record<string, string>>;
  readonly trust?: boolean;
}

/** `juju refresh <app> [flags]`. */
export function refreshArgs(app: string, o: RefreshOptions = {}): string[] {
  const args = ['refresh', app];
  if (o.base !== undefined) args.push('--base', o.base);
  if (o.channel !== undefined) args.push('--channel', o.channel);
  args.push(...configFlags('--config', o.config));
  if (o.force) args.push('--force', '--force-base', '--force-units');
  if (o.path !== undefined) args.push('--path', o.path);
  args.push(...pairFlags('--resource', o.resources));
  if (o.revision !== undefined) args.push('--revision', String(o.revision));
  args.push(...pairFlags('--storage', o.storage));
  if (o.trust) args.push('--trust');
  return args;
}

/** `juju integrate <app1> <app2> [--via <cidrs>]`. */
export function integrateArgs(
  app1: string,
  app2: string,
  o: { readonly via?: string | readonly string[] } = {},
): string[] {
  const args = ['integrate', app1, app2];
  if (o.via?.length) args.push('--via', joined(o.via));
  return args;
}

/** `juju remove-relation <app1> <app2> [--force]`. */
export function removeRelationArgs(
  app1: string,
  app2: string,
  o: { readonly force?: boolean } = {},
): string[] {
  return ['remove-relation', app1, app2, ...(o.force ? ['--force'] : [])];
}

/** `juju config --format json <app>` (reading). */
export function configGetArgs(app: string): string[] {
  return ['config', '--format', 'json', app];
}

/** `juju config <app> k=v ... [--reset k1,k2]` (setting and resetting). */
export function configSetArgs(
  app: string,
  values: Readonly<Record<string, ConfigValue>>,
  reset: readonly string[] = [],
): string[] {
  const args = ['config', app, ...Object.entries(values).map(([k, v]) => formatConfig(k, v))];
  if (reset.length) args.push('--reset', reset.join(','));
  if (args.length === 2) throw new Error(`config ${app}: nothing to set or reset`);
  return args;
}

/** Options of `addUnit`. */
export interface AddUnitOptions {
  readonly attachStorage?: string | readonly string[];
  readonly numUnits?: number;
  readonly to?: string | readonly string[];
}

/** `juju add-unit <app> [flags]`. */
export function addUnitArgs(app: string, o: AddUnitOptions = {}): string[] {
  const args = ['add-unit', app];
  if (o.attachStorage?.length) args.push('--attach-storage', joined(o.attachStorage));
  if (o.numUnits !== undefined && o.numUnits !== 1) {
    positiveInteger('numUnits', o.numUnits);
    args.push('--num-units', String(o.numUnits));
  }
  if (o.to?.length) args.push('--to', joined(o.to));
  return args;
}

/** Options of `removeUnit`. */
export interface RemoveUnitOptions {
  readonly destroyStorage?: boolean;
  readonly force?: boolean;
  /** Units to remove from the one application named (Kubernetes models, where units are not named). */
  readonly numUnits?: number;
}

/** `juju remove-unit --no-prompt <unit|app> ... [flags]`. */
export function removeUnitArgs(appOrUnits: string | readonly string[], o: RemoveUnitOptions = {}): string[] {
  const names = typeof appOrUnits === 'string' ? [appOrUnits] : [...appOrUnits];
  if (names.length === 0) throw new Error('removeUnit: name at least one unit or application');
  const args = ['remove-unit', '--no-prompt', ...names];
  if (o.destroyStorage) args.push('--destroy-storage');
  if (o.force) args.push('--force');
  if (o.numUnits) {
    if (names.length > 1)
      throw new Error(`removeUnit: numUnits needs one application, got ${names.join(', ')}`);
    positiveInteger('numUnits', o.numUnits);
    args.push('--num-units', String(o.numUnits));
  }
  return args;
}

/** `juju remove-application --no-prompt <app> ... [flags]`. */
export function removeApplicationArgs(
  apps: string | readonly string[],
  o: { readonly destroyStorage?: boolean; readonly force?: boolean } = {},
): string[] {
  const names = typeof apps === 'string' ? [apps] : [...apps];
  if (names.length === 0) throw new Error('removeApplication: name at least one application');
  const args = ['remove-application', '--no-prompt', ...names];
  if (o.destroyStorage) args.push('--destroy-storage');
  if (o.force) args.push('--force');
  return args;
}

/** `juju run --format json <unit> <action> [--wait Ns] [--params FILE]`. */
export function runArgs(
  unit: string,
  action: string,
  o: { readonly wait?: number; readonly paramsFile?: string } = {},
): string[] {
  const args = ['run', '--format', 'json', unit, action];
  if (o.wait !== undefined) args.push('--wait', seconds(o.wait));
  if (o.paramsFile !== undefined) args.push('--params', o.paramsFile);
  return args;
}

/** Where `exec` runs: one unit (`app/N` or `app/leader`) or one machine. */
export type ExecTarget =
  | { readonly unit: string; readonly machine?: undefined }
  | { readonly machine: string | number; readonly unit?: undefined };

/** `juju exec --format json (--unit U | --machine M) [--wait Ns] -- <command> [args...]`. */
export function execArgs(
  command: string,
  commandArgs: readonly string[],
  target: ExecTarget & { readonly wait?: number },
): string[] {
  const hasUnit = target.unit !== undefined;
  const hasMachine = target.machine !== undefined;
  if (hasUnit === hasMachine) throw new Error('exec: give exactly one of unit or machine');
  const args = ['exec', '--format', 'json'];
  if (hasMachine) args.push('--machine', String(target.machine));
  else args.push('--unit', String(target.unit));
  if (target.wait !== undefined) args.push('--wait', seconds(target.wait));
  args.push('--', command, ...commandArgs);
  return args;
}

/** `juju add-secret <name> [--info I] --file FILE`. */
export function addSecretArgs(name: string, file: string, o: { readonly info?: string } = {}): string[] {
  const args = ['add-secret', name];
  if (o.info !== undefined) args.push('--info', o.info);
  args.push('--file', file);
  return args;
}

/** Options of `updateSecret`. */
export interface UpdateSecretOptions {
  readonly info?: string;
  /** A new name for the secret. */
  readonly name?: string;
  readonly autoPrune?: boolean;
}

/** `juju update-secret <secret> [--info I] [--name N] [--auto-prune] --file FILE`. */
export function updateSecretArgs(identifier: string, file: string, o: UpdateSecretOptions = {}): string[] {
  const args = ['update-secret', identifier];
  if (o.info !== undefined) args.push('--info', o.info);
  if (o.name !== undefined) args.push('--name', o.name);
  if (o.autoPrune) args.push('--auto-prune');
  args.push('--file', file);
  return args;
}

/** `juju grant-secret <secret> <app>[,<app>...]`. */
export function grantSecretArgs(identifier: string, apps: string | readonly string[]): string[] {
  return ['grant-secret', identifier, joined(apps)];
}

/** `juju remove-secret <secret> [--revision N]`. */
export function removeSecretArgs(identifier: string, o: { readonly revision?: number } = {}): string[] {
  return [
    'remove-secret',
    identifier,
    ...(o.revision !== undefined ? ['--revision', String(o.revision)] : []),
  ];
}

/** `juju secrets [--owner O] --format json`. */
export function secretsArgs(o: { readonly owner?: string } = {}): string[] {
  return ['secrets', ...(o.owner !== undefined ? ['--owner', o.owner] : []), '--format', 'json'];
}

/** Options of `showSecret`. */
export interface ShowSecretOptions {
  readonly reveal?: boolean;
  readonly revision?: number;
  readonly revisions?: boolean;
}

/** `juju show-secret <secret> --format json [--reveal] [--revisions] [--revision N]`. */
export function showSecretArgs(identifier: string, o: ShowSecretOptions = {}): string[] {
  const args = ['show-secret', identifier, '--format', 'json'];
  if (o.reveal) args.push('--reveal');
  if (o.revisions) args.push('--revisions');
  if (o.revision !== undefined) args.push('--revision', String(o.revision));
  return args;
}

/** Options of `debugLog`. */
export interface DebugLogOptions {
  /** The most recent lines to return; 0 (the default) returns them all. */
  readonly limit?: number;
  /** Only these entities or modules (`unit-greeter-0`, `greeter/0`, ...). */
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  /** Lowest level shown: `TRACE`, `DEBUG`, `INFO`, `WARNING`, `ERROR`. */
  readonly level?: string;
}

/** `juju debug-log --limit N [...]`: `--limit` always, so juju exits rather than tailing. */
export function debugLogArgs(o: DebugLogOptions = {}): string[] {
  const args = ['debug-log', '--limit', String(o.limit ?? 0)];
  for (const i of o.include ?? []) args.push('--include', i);
  for (const e of o.exclude ?? []) args.push('--exclude', e);
  if (o.level !== undefined) args.push('--level', o.level);
  return args;
}

/** Options of `addModel`. */
export interface AddModelOptions {
  /** Cloud or region (`cloud/region`) for the model. */
  readonly cloud?: string;
  readonly controller?: string;
  readonly config?: Readonly<Record<string, ConfigValue>>;
  readonly credential?: string;
}

/** `juju add-model --no-switch <model> [<cloud>] [flags]` (the CLI's current model is left alone). */
export function addModelArgs(model: string, o: AddModelOptions = {}): string[] {
  const args = ['add-model', '--no-switch', model];
  if (o.cloud !== undefined) args.push(o.cloud);
  if (o.controller !== undefined) args.push('--controller', o.controller);
  args.push(...configFlags('--config', o.config));
  if (o.credential !== undefined) args.push('--credential', o.credential);
  return args;
}

/** Options of `destroyModel`. */
export interface DestroyModelOptions {
  readonly destroyStorage?: boolean;
  readonly force?: boolean;
  readonly noWait?: boolean;
  readonly releaseStorage?: boolean;
  /** Seconds to wait for each step (with `force`). */
  readonly timeout?: number;
}

/** `juju destroy-model <model> --no-prompt [flags]`. */
export function destroyModelArgs(model: string, o: DestroyModelOptions = {}): string[] {
  const args = ['destroy-model', model, '--no-prompt'];
  if (o.destroyStorage) args.push('--destroy-storage');
  if (o.force) args.push('--force');
  if (o.noWait) args.push('--no-wait');
  if (o.releaseStorage) args.push('--release-storage');
  if (o.timeout !== undefined) args.push('--timeout', seconds(o.timeout));
  return args;
}

/** `juju show-unit <unit> --format json`. */
export function showUnitArgs(unit: string): string[] {
  return ['show-unit', unit, '--format', 'json'];
}

/** `juju status --format json`. */
export const STATUS_ARGS: readonly string[] = ['status', '--format', 'json'];

/** `juju version --format json --all` (no model). */
export const VERSION_ARGS: readonly string[] = ['version', '--format', 'json', '--all'];
