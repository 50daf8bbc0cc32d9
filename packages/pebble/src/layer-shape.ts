// The checks every YAML codec applies to a parsed layer document before treating it as a Layer.
import { LayerError } from './errors.js';
import type { Layer } from './layer-types.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Check that a parsed document is a mapping of the expected sections; throws LayerError otherwise. */
export function layerFromDocument(doc: unknown, label: string): Layer {
  if (doc === null || doc === undefined) return {};
  if (!isRecord(doc)) throw new LayerError(`cannot parse layer ${JSON.stringify(label)}: not a mapping`);
  for (const section of ['services', 'checks', 'log-targets'] as const) {
    const value = doc[section];
    if (value === undefined || value === null) {
      delete doc[section];
      continue;
    }
    if (!isRecord(value) || !Object.values(value).every((v) => v === null || isRecord(v))) {
      throw new LayerError(
        `cannot parse layer ${JSON.stringify(label)}: ${section} must be a mapping of mappings`,
      );
    }
    // A bare `name:` entry in YAML means an empty definition.
    for (const [name, entry] of Object.entries(value)) if (entry === null) value[name] = {};
  }
  // Shape checked above; field types are trusted like Pebble's YAML decoder would coerce them.
  return doc as Layer;
}
