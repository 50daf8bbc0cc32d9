import { describe, expect, it } from 'vitest';
import { type JsonObject, StateTooLargeError } from '../src/index.js';
import { JujuStore } from '../src/runtime.js';
import { recorder } from './recorder.js';

const PATH = 'TestCharm/StoredState[_stored]';
/** The bytes JujuStore writes for `{ v: s }`: `{"v":"<s>"}`. */
const OVERHEAD = '{"v":""}'.length;

function store(stateGet = 'null') {
  const rec = recorder({ 'state-get': stateGet });
  const s = new JujuStore(rec.backend);
  s.load();
  return { ...rec, store: s };
}

const save = (s: JujuStore, snapshots: Record<string, JsonObject>) => s.save({ snapshots, notices: [] });

describe('stored state on state-get / state-set', () => {
  it('encodes one key per snapshot as JSON text in a JSON map on stdin, and reads it back', () => {
    const t = store();
    const value = { text: 'üñî "quoted"\n\ttab', n: 1.5, list: [true, null] };
    save(t.store, { [PATH]: value });
    const [set] = t.calls.filter((c) => c.tool === 'state-set');
    expect(set?.args).toEqual(['--file', '-']);
    const sent = JSON.parse(set?.stdin ?? '') as Record<string, string>;
    expect(Object.keys(sent)).toEqual([`snapshot:${PATH}`]);
    expect(JSON.parse(sent[`snapshot:${PATH}`] ?? '')).toEqual(value);
    // What state-get --format=json prints back after commit loads as the same data
    const again = recorder({ 'state-get': JSON.stringify(sent) });
    const loaded = new JujuStore(again.backend).load();
    expect(loaded.snapshots[PATH]).toEqual(value);
    expect(again.argsOf('state-get')).toEqual([['--format=json']]);
  });

  it('a value of exactly 65536 bytes is sent', () => {
    const t = store();
    save(t.store, { [PATH]: { v: 'a'.repeat(65536 - OVERHEAD) } });
    expect(t.tools()).toEqual(['state-get', 'state-set']);
  });

  const tooLarge: [string, Record<string, JsonObject>, RegExp][] = [
    [
      'a value one byte over 64 KiB',
      { [PATH]: { v: 'a'.repeat(65537 - OVERHEAD) } },
      /charm state value for "snapshot:TestCharm\/StoredState\[_stored\]" is 65537 bytes; Juju allows 65536/,
    ],
    [
      'a value under 65536 characters but over 65536 bytes (UTF-8)',
      { [PATH]: { v: 'é'.repeat(40000) } },
      /is 80008 bytes; Juju allows 65536/,
    ],
    [
      'a key over 256 bytes (a deeply nested handle path)',
      { [`TestCharm/${'x'.repeat(250)}/StoredState[_stored]`]: { v: 'a' } },
      /charm state key "snapshot:TestCharm\/x+"… is 290 bytes; Juju allows 256/,
    ],
  ];
  it.each(tooLarge)(
    '%s is refused locally with a clear error, before state-set runs',
    (_n, snapshots, msg) => {
      const t = store();
      let caught: unknown;
      try {
        save(t.store, snapshots);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(StateTooLargeError);
      expect((caught as Error).message).toMatch(msg);
      expect(t.tools()).toEqual(['state-get']);
    },
  );

  it('a key of exactly 256 bytes is sent', () => {
    const t = store();
    const path = `T/${'x'.repeat(256 - 'snapshot:T/'.length)}`;
    save(t.store, { [path]: { v: 'a' } });
    expect(t.tools()).toEqual(['state-get', 'state-set']);
  });
});
