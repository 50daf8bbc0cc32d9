import { LayerError } from '../errors.js';
import { combineLayer, type LabelledLayer, mergeLayers } from '../layer-merge.js';
import type { Layer } from '../layer-types.js';
import { parseLayerYaml } from '../layer-yaml-server.js';
import { badRequest } from './http-io.js';

/** The layer stack and the combined plan derived from it. */
export class PlanState {
  private stack: LabelledLayer[] = [];
  private combined: Layer = {};
  private readonly listeners: (() => void)[] = [];

  /** Call `listener` after every change of the plan (Pebble's PlanChanged hooks). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Add a layer (parsed from YAML) on top, or combine it into an existing label. */
  addLayer(label: string, yamlText: string, combine: boolean): void {
    if (!label) throw badRequest('label must be set');
    let layer: Layer;
    try {
      layer = parseLayerYaml(yamlText, label);
    } catch (e) {
      throw badRequest((e as Error).message);
    }
    const index = this.stack.findIndex((l) => l.label === label);
    let next: LabelledLayer[];
    if (index >= 0 && !combine) throw badRequest(`layer ${JSON.stringify(label)} already exists`);
    try {
      if (index >= 0) {
        const existing = this.stack[index] as LabelledLayer;
        next = [...this.stack];
        next[index] = { label, layer: combineLayer(existing.layer, layer, label) };
      } else {
        next = [...this.stack, { label, layer }];
      }
      // Validate the whole stack before committing, so a bad layer leaves the plan untouched.
      this.combined = mergeLayers(next);
    } catch (e) {
      if (e instanceof LayerError) throw badRequest(e.message);
      throw e;
    }
    this.stack = next;
    this.changed();
  }

  /** Replace the layer stack (restoring a snapshot); throws if the layers do not merge. */
  restore(layers: readonly LabelledLayer[]): void {
    const next = structuredClone([...layers]);
    this.combined = mergeLayers(next);
    this.stack = next;
    this.changed();
  }

  /** The combined plan. */
  plan(): Layer {
    return structuredClone(this.combined);
  }

  /** The layer stack, bottom first. */
  layers(): LabelledLayer[] {
    return structuredClone(this.stack);
  }
}
