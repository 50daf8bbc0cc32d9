// The test server's layer codec, backed by the full `yaml` package. Only src/server imports this
// module: the client (and so every charm bundle) uses layer-yaml.ts instead.
import { parse, stringify } from 'yaml';
import { LayerError } from './errors.js';
import { normaliseLayer } from './layer-normalise.js';
import { layerFromDocument } from './layer-shape.js';
import type { Layer } from './layer-types.js';

/** Render a layer (or plan) as YAML with sorted keys and falsy fields dropped. */
export function layerToYaml(layer: Layer): string {
  const normalised = normaliseLayer(layer);
  if (Object.keys(normalised).length === 0) return '{}\n';
  return stringify(normalised, { sortMapEntries: true });
}

/** Parse layer YAML; throws LayerError when it is not a mapping of the expected sections. */
export function parseLayerYaml(text: string, label = ''): Layer {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new LayerError(`cannot parse layer ${JSON.stringify(label)}: ${(e as Error).message}`);
  }
  return layerFromDocument(doc, label);
}
