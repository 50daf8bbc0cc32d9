// Ships build-time action validators in a charm bundle through the seam ops reads,
// `globalThis.__OPS_TS_ACTION_VALIDATORS__`: the bundle's entry becomes a virtual module that first
// imports the generated validators (which set the seam) and then the charm's own entry point, so the
// seam is in place before `main()` dispatches. Nothing is compiled at dispatch.
//
// Not esbuild `inject` + `define`: an injected module is imported into every file, CommonJS helpers
// such as `ajv/dist/runtime/ucs2length` included, and the resulting import cycle makes esbuild wrap
// every module of the bundle in a lazy initialiser (KiBs more, and a call per module at start-up).
import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
import { actionParamsSchema } from './action-schema.js';
import { AJV_ADAPTER_MODULE, AJV_RUNTIME_PREFIX, generateValidatorModule } from './action-validator-code.js';

const NAMESPACE = 'ops-ts-action-validators';
/** The virtual entry point of a bundle with validators. */
const ENTRY = 'ops-ts:charm-entry';

/** The actions of an actions.yaml document, or none when it declares none. */
function actionEntries(actions: Record<string, unknown> | undefined): [string, unknown][] {
  return Object.entries(actions ?? {});
}

/**
 * The esbuild options that ship ajv standalone validators for every action of `actions` (the actions.yaml
 * document) in the bundle of the charm entry point `entry`: the virtual entry point and a plugin serving
 * it and the generated modules. Empty when the charm has no actions, so such a bundle holds no ajv code
 * at all. Throws ActionSchemaError for a schema ajv cannot compile.
 */
export function actionValidatorOptions(
  actions: Record<string, unknown> | undefined,
  entry: string,
): Pick<BuildOptions, 'plugins' | 'entryPoints'> {
  const entries = actionEntries(actions);
  if (entries.length === 0) return {};
  // Generate everything before bundling, so a bad schema fails the build with the action's name.
  const modules = new Map(
    entries.map(([name, spec]) => [name, generateValidatorModule(name, actionParamsSchema(name, spec))]),
  );
  const index = [
    `import { paramsValidator } from ${JSON.stringify(`${NAMESPACE}:adapter`)};`,
    ...[...modules.keys()].map(
      (name, i) => `import v${i} from ${JSON.stringify(`${NAMESPACE}:action:${name}`)};`,
    ),
    'globalThis.__OPS_TS_ACTION_VALIDATORS__ = {',
    ...[...modules.keys()].map((name, i) => `  ${JSON.stringify(name)}: paramsValidator(v${i}),`),
    '};',
  ].join('\n');
  const main = [`import ${JSON.stringify(`${NAMESPACE}:index`)};`, `import ${JSON.stringify(entry)};`].join(
    '\n',
  );
  const require = createRequire(import.meta.url);

  const plugin: Plugin = {
    name: 'ops-ts-action-validators',
    setup(build) {
      build.onResolve({ filter: /^ops-ts:charm-entry$/ }, () => ({ path: 'entry', namespace: NAMESPACE }));
      build.onResolve({ filter: new RegExp(`^${NAMESPACE}:`) }, (args) => ({
        path: args.path.slice(NAMESPACE.length + 1),
        namespace: NAMESPACE,
      }));
      // Generated code may import ajv's small runtime helpers (from the CLI's own ajv); anything else
      // from ajv would be the compiler, which must never reach a charm.
      build.onResolve({ filter: /^ajv(\/|$)/, namespace: NAMESPACE }, (args) =>
        args.path.startsWith(AJV_RUNTIME_PREFIX)
          ? { path: `runtime:${args.path}`, namespace: NAMESPACE }
          : { errors: [{ text: `generated action validators must not import ${args.path}` }] },
      );
      // A helper is CommonJS; served as a pre-bundled ES module so the charm's bundle holds no CommonJS
      // module (with one, esbuild wraps every module in a lazy initialiser, as `require` does above).
      const runtimeHelper = async (path: string) => {
        const file = require.resolve(path);
        const helper = await build.esbuild.build({
          stdin: {
            contents: `export { default } from ${JSON.stringify(`./${basename(file)}`)};`,
            resolveDir: dirname(file),
            loader: 'js',
          },
          bundle: true,
          format: 'esm',
          platform: 'node',
          target: 'node20',
          minify: true,
          write: false,
          logLevel: 'silent',
        });
        return { contents: helper.outputFiles[0]?.text ?? '', loader: 'js' as const };
      };
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        if (args.path === 'entry') return { contents: main, loader: 'js', resolveDir: dirname(entry) };
        if (args.path === 'index') return { contents: index, loader: 'js' };
        if (args.path === 'adapter') return { contents: AJV_ADAPTER_MODULE, loader: 'js' };
        if (args.path.startsWith('runtime:')) return runtimeHelper(args.path.slice('runtime:'.length));
        const contents = modules.get(args.path.replace(/^action:/, ''));
        if (contents === undefined) return { errors: [{ text: `no action validator ${args.path}` }] };
        return { contents, loader: 'js' };
      });
    },
  };
  return { entryPoints: [ENTRY], plugins: [plugin] };
}
