/**
 * Secret verbs: `add-secret`, `update-secret`, `grant-secret`, `secrets`, `show-secret`
 * (juju/juju cmd/juju/secrets/add.go, update.go, grant.go, list.go, show.go). User secrets are owned by
 * the model (`<model>`); charm secrets show their owning application or unit.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  MODEL_OWNER,
  parseSecretContent,
  parseSecretFile,
  renderTable,
  type Secret,
  SimError,
  type Simulator,
} from '@ops-ts/sim';
import { changeModel, readModel, type Verb, type VerbContext } from './context.js';
import { pathArg } from './deploy.js';
import { checkEmpty, goQuote, UsageError } from './flags.js';
import { FORMAT_FLAG, formatDocument, formatOf } from './output.js';

/** Content from `--file PATH` (or `-`, stdin) and `k=v` arguments; the arguments win. */
function content(ctx: VerbContext, args: readonly string[]): Record<string, string> {
  const file = ctx.flags.string('file');
  let fromFile: Record<string, string> = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = file === '-' ? ctx.io.readStdin() : readFileSync(pathArg(ctx, file), 'utf8');
    } catch (error) {
      throw new SimError(
        `cannot read secret content from ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
    fromFile = parseSecretFile(text, file === '-' ? 'stdin' : file);
  }
  return { ...fromFile, ...parseSecretContent(args, ctx.io.cwd) };
}

function ownerOf(secret: Secret): string {
  return secret.owner.kind === 'application' && secret.owner.name === MODEL_OWNER
    ? '<model>'
    : secret.owner.name;
}

function isUser(secret: Secret): boolean {
  return secret.owner.kind === 'application' && secret.owner.name === MODEL_OWNER;
}

/** A secret by `secret:<id>`, `<id>` or a user secret's name. */
function findSecret(sim: Simulator, ref: string): Secret {
  const id = ref.replace(/^secret:(\/\/[^/]+\/)?/, '');
  const secret =
    sim.state.secrets[id] ?? Object.values(sim.state.secrets).find((s) => isUser(s) && s.label === ref);
  // show.go Run: NotFoundf("secret %q") with the URI's ID, or the name as given.
  if (!secret) throw new SimError(`secret ${goQuote(/^secret:/.test(ref) ? id : ref)} not found`);
  return secret;
}

/** juju's secret times: RFC 3339 to the second (`2025-06-03T11:39:23Z`). */
function rfc3339(iso: string | undefined): string {
  return (iso ?? '').replace(/\.\d+Z$/, 'Z');
}

/** A secret as `secrets`/`show-secret` print it (list.go secretDisplayDetails). */
function details(
  secret: Secret,
  reveal: boolean,
  revisions: boolean,
  revision?: number,
): Record<string, unknown> {
  const latest = secret.revisions.at(-1);
  // `show-secret --revision N --reveal` shows that revision's content (show.go).
  const shown = revision === undefined ? latest : secret.revisions.find((r) => r.revision === revision);
  if (!shown && revision !== undefined) throw new SimError(`secret revision ${revision} not found`);
  const first = secret.revisions[0];
  const decoded = Object.fromEntries(
    Object.entries(shown?.content ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
  return {
    revision: secret.latestRevision,
    ...(reveal
      ? {
          checksum: createHash('sha256')
            .update(JSON.stringify(latest?.content ?? {}))
            .digest('hex'),
        }
      : {}),
    ...(latest?.expireTime ? { expires: latest.expireTime } : {}),
    ...(secret.rotatePolicy && secret.rotatePolicy !== 'never' ? { rotation: secret.rotatePolicy } : {}),
    ...(secret.nextRotateTime ? { rotates: secret.nextRotateTime } : {}),
    owner: ownerOf(secret),
    ...(secret.description ? { description: secret.description } : {}),
    ...(isUser(secret) ? { name: secret.label ?? '' } : secret.label ? { label: secret.label } : {}),
    created: rfc3339(first?.createdAt),
    updated: rfc3339(latest?.createdAt),
    ...(revisions
      ? {
          revisions: secret.revisions.map((r) => ({
            revision: r.revision,
            backend: 'internal',
            created: rfc3339(r.createdAt),
            updated: rfc3339(r.createdAt),
          })),
        }
      : {}),
    ...(reveal ? { content: { Data: decoded } } : {}),
  };
}

const addSecret: Verb = {
  name: 'add-secret',
  summary: 'Add a new secret.',
  usage: '<name> [key[#base64|#file]=value...] [--info <description>] [--file <path>]',
  modelFlag: true,
  flags: [
    { names: ['info'], kind: 'string' },
    { names: ['file'], kind: 'string' },
  ],
  run(ctx) {
    const [name, ...data] = ctx.flags.args;
    // add.go Init.
    if (name === undefined) throw new UsageError('secret name needs to be supplied as the first argument');
    const values = content(ctx, data);
    if (Object.keys(values).length === 0) throw new UsageError('missing secret value or filename');
    return changeModel(ctx, (sim) => {
      ctx.io.stdout(`${sim.addSecret(name, values, ctx.flags.string('info'))}\n`);
      return 0;
    });
  },
};

const updateSecret: Verb = {
  name: 'update-secret',
  summary: 'Update an existing secret.',
  usage: '<ID>|<name> [key[#base64|#file]=value...] [--info] [--name] [--file <path>]',
  modelFlag: true,
  flags: [
    { names: ['info'], kind: 'string' },
    { names: ['name'], kind: 'string' },
    { names: ['file'], kind: 'string' },
    { names: ['auto-prune'], kind: 'bool' },
  ],
  run(ctx) {
    const [ref, ...data] = ctx.flags.args;
    // update.go Init.
    if (ref === undefined) throw new UsageError('missing secret URI');
    const values = content(ctx, data);
    const info = ctx.flags.string('info');
    const name = ctx.flags.string('name');
    return changeModel(ctx, (sim) => {
      sim.updateSecret(ref, {
        ...(Object.keys(values).length > 0 ? { content: values } : {}),
        ...(info !== undefined ? { description: info } : {}),
        ...(name !== undefined ? { name } : {}),
      });
      return 0;
    });
  },
};

const grantSecret: Verb = {
  name: 'grant-secret',
  summary: 'Grant access to a secret.',
  usage: '<ID>|<name> <application>[,<application>...]',
  modelFlag: true,
  flags: [],
  run(ctx) {
    const [ref, apps, ...extra] = ctx.flags.args;
    // grantrevoke.go Init.
    if (ref === undefined || apps === undefined)
      throw new UsageError('missing secret URI or application name');
    checkEmpty(extra);
    return changeModel(ctx, (sim) => {
      sim.grantSecret(
        ref,
        apps.split(',').filter((a) => a !== ''),
      );
      return 0;
    });
  },
};

const secrets: Verb = {
  name: 'secrets',
  aliases: ['list-secrets'],
  summary: 'Lists secrets available in the model.',
  usage: '[--owner <owner>] [--format tabular|yaml|json]',
  modelFlag: true,
  flags: [FORMAT_FLAG, { names: ['owner'], kind: 'string' }, { names: ['revisions'], kind: 'bool' }],
  run(ctx) {
    const format = formatOf(ctx.flags, 'tabular', ['tabular', 'yaml', 'json']);
    const owner = ctx.flags.string('owner');
    return readModel(ctx, (sim) => {
      const list = Object.values(sim.state.secrets)
        .filter((s) => owner === undefined || ownerOf(s) === owner || (owner === 'model' && isUser(s)))
        .sort((a, b) => a.id.localeCompare(b.id));
      if (format !== 'tabular') {
        const doc = Object.fromEntries(
          list.map((s) => [s.id, details(s, false, ctx.flags.bool('revisions'))]),
        );
        ctx.io.stdout(formatDocument(doc, format));
        return 0;
      }
      if (list.length === 0) return 0;
      const rows = [['ID', 'Name', 'Owner', 'Rotation', 'Revision', 'Last updated']];
      for (const s of list)
        rows.push([
          s.id,
          s.label ?? '-',
          ownerOf(s),
          s.rotatePolicy ?? 'never',
          String(s.latestRevision),
          rfc3339(s.revisions.at(-1)?.createdAt),
        ]);
      ctx.io.stdout(renderTable(rows, [4]));
      return 0;
    });
  },
};

const showSecret: Verb = {
  name: 'show-secret',
  summary: 'Shows details for a specific secret.',
  usage: '<ID>|<name> [--reveal] [--revisions] [--format yaml|json]',
  modelFlag: true,
  flags: [
    FORMAT_FLAG,
    { names: ['reveal'], kind: 'bool' },
    { names: ['revisions'], kind: 'bool' },
    { names: ['r', 'revision'], kind: 'int' },
  ],
  run(ctx) {
    const format = formatOf(ctx.flags, 'yaml', ['yaml', 'json']);
    const [ref, ...extra] = ctx.flags.args;
    // show.go Init.
    if (ref === undefined) throw new UsageError('secret ID is required');
    if (ctx.flags.bool('revisions') && ctx.flags.bool('reveal'))
      throw new UsageError('specify either --revisions or --reveal but not both');
    if (ctx.flags.bool('revisions') && ctx.flags.int('revision', 0) > 0)
      throw new UsageError('specify either --revisions or --revision but not both');
    if (ctx.flags.int('revision', 0) < 0) throw new UsageError('revision must be a positive integer');
    checkEmpty(extra);
    return readModel(ctx, (sim) => {
      const secret = findSecret(sim, ref);
      const revision = ctx.flags.has('revision') ? ctx.flags.int('revision', 0) : undefined;
      ctx.io.stdout(
        formatDocument(
          { [secret.id]: details(secret, ctx.flags.bool('reveal'), ctx.flags.bool('revisions'), revision) },
          format,
        ),
      );
      return 0;
    });
  },
};

const removeSecret: Verb = {
  name: 'remove-secret',
  summary: 'Remove a existing secret.',
  usage: '<ID>|<name> [--revision N]',
  modelFlag: true,
  flags: [{ names: ['revision'], kind: 'int' }],
  run(ctx) {
    const [ref, ...extra] = ctx.flags.args;
    // remove.go Init.
    if (ref === undefined) throw new UsageError('missing secret URI');
    checkEmpty(extra);
    return changeModel(ctx, (sim) => {
      sim.removeSecret(ref, ctx.flags.has('revision') ? ctx.flags.int('revision', 0) : undefined);
      return 0;
    });
  },
};

/** The secret verbs. */
export const secretVerbs: readonly Verb[] = [
  addSecret,
  updateSecret,
  grantSecret,
  removeSecret,
  secrets,
  showSecret,
];
