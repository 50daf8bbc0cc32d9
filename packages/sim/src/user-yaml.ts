/**
 * YAML that users typed or wrote (config and params on a command line, `--params`/`--file` files, charm
 * metadata, run scripts). The yaml library reports an unknown tag or directive as a Node process warning
 * on stderr; here it is the value's own problem (kept as the library reads it, or an error naming it).
 */
import { type DocumentOptions, type ParseOptions, parse, type SchemaOptions, type ToJSOptions } from 'yaml';

/** `yaml.parse` without Node warnings on stderr. */
export function parseUserYaml(
  text: string,
  options: ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions = {},
): unknown {
  return parse(text, { ...options, logLevel: 'error' });
}
