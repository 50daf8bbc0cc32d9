/**
 * Where the simulated models live together, as one controller's models: `$OPS_TS_SIM_HOME`, else
 * `.sim` under the working directory, one directory per model (`<home>/<model>`), and the current
 * model (`juju switch`) remembered in `<home>/.current-model`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SimError } from './errors.js';
import { ModelStore } from './model-store.js';
import { mkdirPrivate, writeAtomic } from './store/private-fs.js';

/** The models' home directory. */
export function simHome(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return env.OPS_TS_SIM_HOME ? resolve(cwd, env.OPS_TS_SIM_HOME) : resolve(cwd, '.sim');
}

const CURRENT = '.current-model';

/** The current model's name, if one was chosen (`add-model`, `switch`). */
export function currentModel(home: string): string | undefined {
  const path = join(home, CURRENT);
  if (!existsSync(path)) return undefined;
  const name = readFileSync(path, 'utf8').trim();
  return name === '' ? undefined : name;
}

/** Remembers the current model (`undefined` forgets it). */
export function setCurrentModel(home: string, name: string | undefined): void {
  mkdirPrivate(home);
  writeAtomic(join(home, CURRENT), name === undefined ? '' : `${name}\n`);
}

/** The names of the models in the home, sorted. */
export function listModels(home: string): string[] {
  if (!existsSync(home)) return [];
  return readdirSync(home)
    .filter((name) => !name.startsWith('.') && statSync(join(home, name)).isDirectory())
    .filter((name) => new ModelStore(join(home, name)).exists())
    .sort();
}

/** Juju's model-name rule (juju/names IsValidModelName): lower-case letters, digits and hyphens. */
export function checkModelName(name: string): string {
  if (!/^[a-z0-9]+[a-z0-9-]*$/.test(name))
    throw new SimError(
      `${JSON.stringify(name)} is not a valid name: model names may only contain lowercase letters, digits and hyphens`,
    );
  return name;
}
