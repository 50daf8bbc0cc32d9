// `ops-ts init [dir] [--kubernetes]`: a new charm project, as `charmcraft init` makes one (its `simple` and
// `kubernetes` profiles: charmcraft.yaml, the charm class, a unit test, README), in TypeScript: package.json,
// tsconfig.json, `src/charm.ts` (only `main`), `src/<name>.ts` (the class) and `test/charm.test.ts` with the
// testing kit. The project passes its own tests at once.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { CHARM_PART_BUILD, CHARM_PART_SNAP, CHARM_PART_STAGE, OPS_TS_RANGE } from './charm-part.js';
import { ProjectError } from './project.js';

/** What to make. */
export interface InitOptions {
  /** A Kubernetes charm with a workload container (default: a machine charm). */
  kubernetes?: boolean;
  /** The charm name (default: the folder's name). */
  name?: string;
  /** Write into a folder that is not empty. */
  force?: boolean;
}

/** Juju's charm name rule: lowercase letters, digits and hyphens, starting with a letter, no `--`, no trailing `-`. */
export function checkCharmName(name: string): void {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) {
    throw new ProjectError(
      `invalid charm name ${JSON.stringify(name)}: use lowercase letters, digits and single hyphens, starting with a letter`,
    );
  }
}

const pascal = (name: string) =>
  name
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/** Each line of `text` indented by `n` spaces. */
function indent(text: string, n: number): string {
  return text.replace(/^(?=.)/gm, ' '.repeat(n));
}

function charmcraftYaml(name: string, kubernetes: boolean): string {
  const k8s = kubernetes
    ? `containers:
  workload:
    resource: workload-image
resources:
  workload-image:
    type: oci-image
    description: OCI image of the workload (a shell that can run \`sleep\`).
    upstream-source: ubuntu:24.04
`
    : '';
  return `# This file configures Charmcraft and ops-ts: metadata, config, actions and how to pack.
# See https://juju.is/docs/sdk/charmcraft-yaml
name: ${name}
type: charm
title: ${pascal(name).replace(/([a-z])([A-Z])/g, '$1 $2')}
summary: A very short one-line summary of the charm.
description: |
  A single sentence that says what the charm is, concisely and memorably.

  A paragraph of one to three short sentences, that describe what the charm does.
base: ubuntu@24.04
platforms:
  amd64:
assumes:
  - juju >= 3.4
parts:
  # Built from source inside charmcraft: npm installs package.json's dependencies from the registry and
  # \`ops-ts build\` writes dist/, of which dispatch and lib/ are staged. \`node\` ships the node snap's
  # runtime as bin/node (the bases have no Node).
  charm:
    plugin: nil
    source: .
    build-snaps: [${CHARM_PART_SNAP}]
    override-build: |
${indent(CHARM_PART_BUILD, 6)}    stage: [${CHARM_PART_STAGE.join(', ')}]
  node:
    plugin: nil
    build-snaps: [node/22/stable]
    override-build: |
      install -D -m 0755 /snap/node/current/bin/node "$CRAFT_PART_INSTALL/bin/node"
      "$CRAFT_PART_INSTALL/bin/node" --version
${k8s}config:
  options:
    log-level:
      description: The workload's log level, one of debug, info, warning, error.
      default: info
      type: string
`;
}

function machineClass(cls: string): string {
  return `import { ActiveStatus, BlockedStatus, CharmBase, type CollectStatusEvent, type Framework } from '@ops-ts/ops';

const LEVELS = ['debug', 'info', 'warning', 'error'];

/** The charm: reports whether its config is usable. */
export class ${cls} extends CharmBase {
  constructor(framework: Framework) {
    super(framework);
    this.observe(this.on.collectUnitStatus, this.onCollectStatus);
  }

  onCollectStatus(event: CollectStatusEvent): void {
    const level = String(this.config['log-level'] ?? '');
    if (!LEVELS.includes(level)) event.addStatus(new BlockedStatus(\`invalid log-level: \${level}\`));
    else event.addStatus(new ActiveStatus());
  }
}
`;
}

function kubernetesClass(cls: string): string {
  return `import { ActiveStatus, CharmBase, type Framework, type HookEvent, WaitingStatus } from '@ops-ts/ops';

/** The charm: runs the workload in its container through Pebble. */
export class ${cls} extends CharmBase {
  constructor(framework: Framework) {
    super(framework);
    this.observe(this.on.pebbleReady('workload'), this.reconcile);
    this.observe(this.on.configChanged, this.reconcile);
  }

  async reconcile(_event: HookEvent): Promise<void> {
    const container = this.unit.getContainer('workload');
    if (!(await container.canConnect())) {
      this.unit.status = new WaitingStatus('waiting for Pebble in the workload container');
      return;
    }
    await container.addLayer(
      'workload',
      {
        summary: 'workload',
        services: {
          workload: {
            override: 'replace',
            command: 'sleep infinity',
            startup: 'enabled',
            environment: { LOG_LEVEL: String(this.config['log-level'] ?? 'info') },
          },
        },
      },
      { combine: true },
    );
    await container.replan();
    this.unit.status = new ActiveStatus();
  }
}
`;
}

function machineTest(cls: string, file: string): string {
  return `import { ActiveStatus, BlockedStatus } from '@ops-ts/ops';
import { Context, state } from '@ops-ts/testing';
import { describe, expect, it } from 'vitest';
import { ${cls} } from '../src/${file}.js';

const context = () => new Context(${cls}, { charmcraft: new URL('../charmcraft.yaml', import.meta.url) });

describe('${cls}', () => {
  it('is active with the default config', async () => {
    const ctx = context();
    const out = await ctx.run(ctx.on.configChanged(), state());
    expect(out.unitStatus).toEqual(new ActiveStatus());
  });

  it('is blocked on a bad log level', async () => {
    const ctx = context();
    const out = await ctx.run(ctx.on.configChanged(), state({ config: { 'log-level': 'loud' } }));
    expect(out.unitStatus).toEqual(new BlockedStatus('invalid log-level: loud'));
  });
});
`;
}

function kubernetesTest(cls: string, file: string): string {
  return `import { ActiveStatus, WaitingStatus } from '@ops-ts/ops';
import { Context, container, getContainer, state } from '@ops-ts/testing';
import { describe, expect, it } from 'vitest';
import { ${cls} } from '../src/${file}.js';

const context = () => new Context(${cls}, { charmcraft: new URL('../charmcraft.yaml', import.meta.url) });

describe('${cls}', () => {
  it('starts the workload on pebble-ready', async () => {
    const ctx = context();
    const workload = container({ name: 'workload', canConnect: true });
    const out = await ctx.run(ctx.on.pebbleReady(workload), state({ containers: [workload] }));
    expect(getContainer(out, 'workload').serviceStatuses).toEqual({ workload: 'active' });
    expect(out.unitStatus).toEqual(new ActiveStatus());
  });

  it('waits while Pebble is not up', async () => {
    const ctx = context();
    const out = await ctx.run(ctx.on.configChanged(), state({ containers: [container({ name: 'workload' })] }));
    expect(out.unitStatus).toEqual(new WaitingStatus('waiting for Pebble in the workload container'));
  });
});
`;
}

/** Writes a new charm project into `dir`; returns the files written (relative paths). */
export function initCharm(dir: string, options: InitOptions = {}): string[] {
  const target = resolve(dir);
  const name = options.name ?? basename(target);
  checkCharmName(name);
  if (existsSync(target) && readdirSync(target).length > 0 && !options.force) {
    throw new ProjectError(`${target} is not empty (use --force to write into it anyway)`);
  }
  const cls = `${pascal(name)}Charm`;
  // A semver range both ways: pnpm links it to a workspace package (linkWorkspacePackages), npm installs it.
  const version = OPS_TS_RANGE;
  const kubernetes = options.kubernetes ?? false;
  const files: Record<string, string> = {
    'charmcraft.yaml': charmcraftYaml(name, kubernetes),
    [`src/${name}.ts`]: kubernetes ? kubernetesClass(cls) : machineClass(cls),
    'src/charm.ts': `// The entry point \`ops-ts build\` bundles: only main(), so tests can import the class.\nimport { main } from '@ops-ts/ops';\nimport { ${cls} } from './${name}.js';\n\nmain(${cls});\n`,
    'test/charm.test.ts': kubernetes ? kubernetesTest(cls, name) : machineTest(cls, name),
    'package.json': `${JSON.stringify(
      {
        name,
        version: '0.1.0',
        private: true,
        type: 'module',
        scripts: {
          build: 'ops-ts build',
          pack: 'ops-ts pack',
          test: 'vitest run',
          typecheck: 'tsc --noEmit',
        },
        dependencies: { '@ops-ts/ops': version },
        devDependencies: {
          '@ops-ts/cli': version,
          '@ops-ts/testing': version,
          typescript: '^5.9.0',
          vitest: '^3.2.0',
        },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2023'],
          types: ['node'],
          strict: true,
          noUncheckedIndexedAccess: true,
          verbatimModuleSyntax: true,
          skipLibCheck: true,
          noEmit: true,
        },
        include: ['src', 'test'],
      },
      null,
      2,
    )}\n`,
    'README.md': `# ${name}\n\nA Juju charm written in TypeScript with ops-ts.\n\n\`\`\`sh\nnpm test              # unit tests with the testing kit\nnpx ops-ts pack       # ${name}_amd64.charm (add --node <path> to ship a Node runtime)\nnpx ops-ts sim deploy ${name}_amd64.charm   # try it in the local simulator\n\`\`\`\n\nFor a real model, \`charmcraft pack\` (after \`npx ops-ts build\`) and \`juju deploy ./${name}_amd64.charm\`${kubernetes ? ' --resource workload-image=ubuntu:24.04' : ''}.\n`,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(target, path, '..'), { recursive: true });
    writeFileSync(join(target, path), text);
  }
  return Object.keys(files);
}
