// The client's layer codec: our own small YAML reader and writer, so charm bundles need no `yaml` package.
import { LayerError } from './errors.js';
import { normaliseLayer } from './layer-normalise.js';
import { layerFromDocument } from './layer-shape.js';
import type { Layer } from './layer-types.js';
import { emitYaml } from './yaml-emit.js';
import { parseYaml, YamlSyntaxError } from './yaml-parse.js';

export { normaliseLayer } from './layer-normalise.js';

/** Render a layer (or plan) as YAML with sorted keys and falsy fields dropped. */
export function layerToYaml(layer: Layer): string {
  return emitYaml(normaliseLayer(layer));
}

/** Parse layer YAML (or JSON); throws LayerError, naming the line, when it is not a layer we can read. */
export function parseLayerYaml(text: string, label = ''): Layer {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    if (!(e instanceof YamlSyntaxError)) throw e;
    throw new LayerError(`cannot parse layer ${JSON.stringify(label)}: ${e.message}`);
  }
  return layerFromDocument(doc, label);
}
