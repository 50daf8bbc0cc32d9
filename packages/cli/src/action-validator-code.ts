// Build-time code generation of action params validators with ajv's standalone mode: the schema is
// compiled here, once, and the charm ships only the generated function (plus any small ajv runtime
// helper it requires, e.g. `ajv/dist/runtime/ucs2length`), never the ajv compiler.
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { ActionSchemaError, type JsonSchema } from './action-schema.js';

/** Where generated validator modules may import from: ajv's runtime helpers only. */
export const AJV_RUNTIME_PREFIX = 'ajv/dist/runtime/';

/**
 * An ES module exporting (default) the ajv standalone validator of `schema`: all errors reported,
 * schema defaults filled into the params object in place (`useDefaults`), formats left as annotations
 * (ajv-formats is not shipped; Juju validates them before the hook runs).
 */
export function generateValidatorModule(action: string, schema: JsonSchema): string {
  const ajv = new Ajv({
    code: { source: true, esm: true, lines: false },
    allErrors: true,
    useDefaults: true,
    // Juju accepts any keyword it does not know (as annotations); so does the build.
    strict: false,
    validateFormats: false,
    logger: false,
  });
  let validate: ReturnType<typeof ajv.compile>;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new ActionSchemaError(
      `action ${JSON.stringify(action)} has an invalid params schema: ${(error as Error).message}`,
    );
  }
  return importRuntimeHelpers(standaloneCode(ajv, validate));
}

/**
 * Turns the generated code's `const f = require("ajv/dist/runtime/x").default;` into ESM imports, so the
 * module stays pure ESM (a `require` in a bundle's module graph makes esbuild wrap modules in lazy
 * initialisers). A form this does not recognise is left as is: still correct, only larger.
 */
export function importRuntimeHelpers(code: string): string {
  return code.replace(
    /const (\w+) = require\(("ajv\/dist\/runtime\/[\w-]+")\)\.default;/g,
    (_match, name: string, path: string) => `import ${name} from ${path};`,
  );
}

/**
 * The JavaScript (shipped in the bundle) that turns an ajv standalone validator into ops' ParamsValidator:
 * it runs the validator on the params (which fills defaults in place) and maps each ajv error to a
 * problem `{ path, rule, message }` whose message names the param, e.g.
 * `param "length" must be >= 16, got 8 (minimum)`, `param "mode" is required (required)`.
 */
export const AJV_ADAPTER_MODULE = `
const SHOWN = 60;
function show(value) {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > SHOWN ? text.slice(0, SHOWN) + '…' : text;
}
function unescapePointer(segment) {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
function locate(data, pointer) {
  let path = '';
  let value = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = unescapePointer(raw);
    path = Array.isArray(value) ? path + '[' + key + ']' : path ? path + '.' + key : key;
    value = value !== null && typeof value === 'object' ? value[key] : undefined;
  }
  return { path, value };
}
const VALUE_RULES = new Set(['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minLength', 'maxLength', 'pattern', 'enum', 'const', 'format']);
function problem(error, data) {
  const at = locate(data, error.instancePath);
  let path = at.path;
  let what = error.message ?? 'is invalid';
  if (error.keyword === 'required') {
    path = path ? path + '.' + error.params.missingProperty : error.params.missingProperty;
    what = 'is required';
  } else if (error.keyword === 'additionalProperties') {
    path = path ? path + '.' + error.params.additionalProperty : error.params.additionalProperty;
    what = 'is not allowed: the schema declares no such param';
  } else if (error.keyword === 'enum') {
    what += ': ' + error.params.allowedValues.map(show).join(', ');
  }
  if (VALUE_RULES.has(error.keyword)) what += ', got ' + show(at.value);
  const where = path ? 'param ' + JSON.stringify(path) : 'params';
  return { path, rule: error.keyword, message: where + ' ' + what + ' (' + error.keyword + ')' };
}
export function paramsValidator(validate) {
  return (params) => (validate(params) ? [] : (validate.errors ?? []).map((e) => problem(e, params)));
}
`;
