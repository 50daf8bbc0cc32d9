// Shared set-up for the kit's tests.
import { Context, type ContextOptions } from '../src/index.js';
import { SINK_ACTIONS, SINK_CONFIG, SINK_META, SinkCharm } from './sink-charm.js';

/** A fresh Context for the sink charm. */
export function sink(options: Partial<ContextOptions> = {}): Context<typeof SinkCharm> {
  return new Context(SinkCharm, { meta: SINK_META, config: SINK_CONFIG, actions: SINK_ACTIONS, ...options });
}

/** The sink charm's `seen` log from an output state. */
export function seen(s: {
  storedStates: readonly { name: string; content: Record<string, unknown> }[];
}): unknown {
  return s.storedStates.find((x) => x.name === 'stored')?.content.seen;
}
