/** Deterministic default ids: the kit keeps no counters, so runs and test files never share state. */

/** A small stable id (1–9999) derived from `parts`; give ids explicitly when two would collide. */
export function stableId(...parts: string[]): number {
  let hash = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return 1 + (hash % 9999);
}
