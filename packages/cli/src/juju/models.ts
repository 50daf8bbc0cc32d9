/**
 * Model verbs: `add-model`, `models`, `switch`, `destroy-model`, `show-model` (juju/juju
 * cmd/juju/controller/addmodel.go, listmodels.go, cmd/juju/commands/switch.go,
 * cmd/juju/model/destroy.go, cmd/juju/model/show.go). Models live side by side in the simulator's home.
 */
import { readFileSync, readSync } from 'node:fs';
import {
  checkModelName,
  currentModel,
  listModels,
  ModelStore,
  modelCloud,
  renderTable,
  SIM_CONTROLLER,
  SIM_JUJU_VERSION,
  SimError,
  Simulator,
  setCurrentModel,
} from '@ops-ts/sim';
import { modelDir, modelNotFound, type Verb, type VerbContext } from './context.js';
import { checkEmpty, goQuote, UsageError } from './flags.js';
import { FORMAT_FLAG, formatDocument, formatOf } from './output.js';

type ModelType = 'kubernetes' | 'machine';

/** The clouds the simulator offers, by the names juju users give them. */
const CLOUDS: Record<string, ModelType> = {
  microk8s: 'kubernetes',
  k8s: 'kubernetes',
  kubernetes: 'kubernetes',
  localhost: 'machine',
  lxd: 'machine',
};

function modelTypeOf(flag: string | undefined, cloud: string | undefined): ModelType {
  if (flag !== undefined) {
    if (flag === 'caas') return 'kubernetes';
    if (flag === 'iaas') return 'machine';
    throw new UsageError(`invalid value ${JSON.stringify(flag)} for option --type: expected caas or iaas`);
  }
  if (cloud === undefined) return 'kubernetes';
  const type = CLOUDS[cloud.split('/')[0] ?? ''];
  if (!type)
    throw new SimError(
      `cloud ${JSON.stringify(cloud)} not found (the simulator offers microk8s for Kubernetes models and localhost for machine models)`,
    );
  return type;
}

function loadModel(ctx: VerbContext, name: string) {
  const store = new ModelStore(modelDir(ctx, name));
  if (!store.exists()) throw modelNotFound(name);
  return store.load({ readOnly: true }).state;
}

/** A model as `show-model`/`models --format json` describe it (juju/juju cmd/juju/common/modelinfo.go). */
function modelInfo(ctx: VerbContext, name: string) {
  const state = loadModel(ctx, name);
  const { cloud, region } = modelCloud(state.model.type);
  return {
    name: `admin/${name}`,
    'short-name': name,
    'model-uuid': state.model.uuid,
    'model-type': state.model.type === 'kubernetes' ? 'caas' : 'iaas',
    'controller-uuid': '00000000-0000-4000-8000-000000000000',
    'controller-name': SIM_CONTROLLER,
    'is-controller': false,
    owner: 'admin',
    cloud,
    region,
    type: state.model.type === 'kubernetes' ? 'kubernetes' : 'lxd',
    life: 'alive',
    status: { current: 'available' },
    users: { admin: { 'display-name': 'admin', access: 'admin', 'last-connection': 'just now' } },
    sla: 'unsupported',
    'agent-version': SIM_JUJU_VERSION,
    units: Object.keys(state.units).length,
  };
}

const addModel: Verb = {
  name: 'add-model',
  summary: 'Adds a workload model.',
  usage: '<model name> [cloud|region|(cloud/region)] [--type caas|iaas]',
  modelFlag: false,
  flags: [
    { names: ['type'], kind: 'string' },
    { names: ['config'], kind: 'list' },
    { names: ['credential'], kind: 'string' },
    { names: ['owner'], kind: 'string' },
    { names: ['no-switch'], kind: 'bool' },
    { names: ['c', 'controller'], kind: 'string' },
  ],
  async run(ctx) {
    const [name, cloudArg, ...extra] = ctx.flags.args;
    if (name === undefined) throw new UsageError('model name is required');
    checkEmpty(extra);
    checkModelName(name);
    const type = modelTypeOf(ctx.flags.string('type'), cloudArg);
    const dir = modelDir(ctx, name);
    if (new ModelStore(dir).exists())
      throw new SimError(
        `failed to create new model: model ${JSON.stringify(name)} for admin already exists (already exists)`,
      );
    const sim = Simulator.open({ modelDir: dir, modelName: name, modelType: type });
    await sim.close();
    const { cloud, region } = modelCloud(type);
    ctx.io.stderr(
      `Added '${name}' model on ${cloud}/${region} with credential '${cloud}' for user 'admin'\n`,
    );
    if (!ctx.flags.bool('no-switch')) setCurrentModel(ctx.home, name);
    return 0;
  },
};

const models: Verb = {
  name: 'models',
  aliases: ['list-models'],
  summary: 'Lists models a user can access on a controller.',
  usage: '[--format tabular|yaml|json]',
  modelFlag: false,
  flags: [
    FORMAT_FLAG,
    { names: ['c', 'controller'], kind: 'string' },
    { names: ['all'], kind: 'bool' },
    { names: ['uuid'], kind: 'bool' },
  ],
  run(ctx) {
    const format = formatOf(ctx.flags, 'tabular', ['tabular', 'yaml', 'json']);
    const names = listModels(ctx.home);
    const current = currentModel(ctx.home);
    if (format !== 'tabular') {
      const doc = {
        models: names.map((n) => modelInfo(ctx, n)),
        ...(current && names.includes(current) ? { 'current-model': current } : {}),
      };
      ctx.io.stdout(formatDocument(doc, format));
      return 0;
    }
    const rows = [['Model', 'Cloud/Region', 'Type', 'Status', 'Units', 'Access', 'Last connection']];
    for (const n of names) {
      const m = modelInfo(ctx, n);
      rows.push([
        `${n}${n === current ? '*' : ''}`,
        `${m.cloud}/${m.region}`,
        m.type,
        'available',
        String(m.units),
        'admin',
        'just now',
      ]);
    }
    ctx.io.stdout(`Controller: ${SIM_CONTROLLER}\n\n${renderTable(rows, [4])}`);
    return 0;
  },
};

const switchVerb: Verb = {
  name: 'switch',
  summary: 'Selects or identifies the current controller and model.',
  usage: '[<controller>|<model>|<controller>:|:<model>|<controller>:<model>]',
  modelFlag: false,
  flags: [],
  run(ctx) {
    const [target, ...extra] = ctx.flags.args;
    checkEmpty(extra);
    const current = currentModel(ctx.home);
    const qualified = (m: string | undefined) =>
      m ? `${SIM_CONTROLLER}:admin/${m}` : `${SIM_CONTROLLER} (controller)`;
    if (target === undefined) {
      // switch.go Run; unknownSwitchTargetError below.
      if (!current) throw new SimError('no currently specified model');
      ctx.io.stdout(`${qualified(current)}\n`);
      return 0;
    }
    const name = target.replace(/^[^:]*:/, '').replace(/^[^/]*\//, '');
    if (name === '' || !listModels(ctx.home).includes(name))
      throw new SimError(`${goQuote(target)} is not the name of a model or controller`);
    setCurrentModel(ctx.home, name);
    ctx.io.stderr(`${qualified(current)} -> ${qualified(name)}\n`);
    return 0;
  },
};

const destroyModel: Verb = {
  name: 'destroy-model',
  summary: 'Terminate all machines/containers and resources for a non-controller model.',
  usage: '[options] [<controller name>:]<model name>',
  modelFlag: false,
  flags: [
    { names: ['no-prompt'], kind: 'bool' },
    { names: ['y', 'yes'], kind: 'bool' },
    { names: ['force'], kind: 'bool' },
    { names: ['no-wait'], kind: 'bool' },
    { names: ['destroy-storage'], kind: 'bool' },
    { names: ['release-storage'], kind: 'bool' },
    { names: ['timeout'], kind: 'string' },
  ],
  async run(ctx) {
    const [target, ...extra] = ctx.flags.args;
    if (target === undefined) throw new UsageError('no model specified');
    checkEmpty(extra);
    const name = target.replace(/^[^:]*:/, '').replace(/^[^/]*\//, '');
    const dir = modelDir(ctx, name);
    if (!new ModelStore(dir).exists()) throw modelNotFound(name);
    if (!ctx.flags.bool('no-prompt') && !ctx.flags.bool('yes')) {
      // juju asks for the model's name on stdin (cmd/juju/model/destroy.go); anything else aborts.
      ctx.io.stderr(
        `WARNING This command will destroy the "${name}" model and affect the following resources. It cannot be stopped.\n\nTo continue, enter the name of the model to be unregistered: `,
      );
      if (ctx.io.readStdin().trim().split('\n')[0]?.trim() !== name)
        throw new SimError('model destruction: aborted');
    }
    ctx.io.stderr('Destroying model\n');
    await Simulator.open({ modelDir: dir }).destroy();
    if (currentModel(ctx.home) === name) setCurrentModel(ctx.home, undefined);
    ctx.io.stderr('Model destroyed.\n');
    return 0;
  },
};

const showModel: Verb = {
  name: 'show-model',
  summary: 'Shows information about the current or specified model.',
  usage: '[<model name>] [--format yaml|json]',
  modelFlag: true,
  flags: [FORMAT_FLAG],
  run(ctx) {
    const format = formatOf(ctx.flags, 'yaml', ['yaml', 'json']);
    const [target] = ctx.flags.args;
    const given = target ?? ctx.flags.string('model');
    const name = given?.replace(/^[^:]*:/, '').replace(/^[^/]*\//, '') ?? currentModel(ctx.home);
    if (!name) throw new SimError('No selected model.');
    ctx.io.stdout(formatDocument({ [name]: modelInfo(ctx, name) }, format));
    return 0;
  },
};

/** The model verbs. */
export const modelVerbs: readonly Verb[] = [addModel, models, switchVerb, destroyModel, showModel];

/** Reads all of standard input (`--file -`). */
export function readAllStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

/** Reads standard input up to the first newline (the answer to `destroy-model`'s prompt). */
export function readStdinLine(): string {
  const bytes: number[] = [];
  const one = Buffer.alloc(1);
  try {
    while (readSync(0, one, 0, 1, null) === 1 && one[0] !== 0x0a) bytes.push(one[0] ?? 0);
  } catch {
    // No stdin (closed, or not readable): no answer.
  }
  return Buffer.from(bytes).toString('utf8');
}
