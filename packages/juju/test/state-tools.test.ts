import { describe, expect, it } from 'vitest';
import { runTool } from '../src/index.js';
import { err, hook, makeWorld, ok, sh } from './fixture.js';

describe('state-get / state-set / state-delete', () => {
  it('empty state: smart/yaml print {}, json prints null', () => {
    const ctx = hook(makeWorld());
    expect(sh(ctx, 'state-get')).toEqual(ok('{}\n'));
    expect(sh(ctx, 'state-get --format=yaml')).toEqual(ok('{}\n'));
    expect(sh(ctx, 'state-get --format=json')).toEqual(ok('null\n'));
  });

  it('reads pending writes; empty value is stored as ""', () => {
    const ctx = hook(makeWorld());
    expect(sh(ctx, 'state-set a=1 b=')).toEqual(ok());
    expect(sh(ctx, 'state-get --format=json')).toEqual(ok('{"a":"1","b":""}\n'));
    expect(sh(ctx, 'state-get a')).toEqual(ok('1\n'));
    expect(sh(ctx, 'state-get b --format=json')).toEqual(ok('""\n'));
    expect(sh(ctx, 'state-get missing')).toEqual(ok(''));
    expect(sh(ctx, 'state-get missing --format=json')).toEqual(ok('""\n'));
    expect(sh(ctx, 'state-get --strict missing')).toEqual(err('"missing" not found', 1));
    expect(sh(ctx, 'state-delete a')).toEqual(ok());
    expect(sh(ctx, 'state-delete nope')).toEqual(ok());
    expect(sh(ctx, 'state-delete')).toEqual(ok());
    expect(sh(ctx, 'state-get -')).toEqual(ok('b: ""\n'));
  });

  it('state-set --file - reads a YAML map from stdin; CLI pairs override', () => {
    const ctx = hook(makeWorld());
    expect(runTool(ctx, 'state-set', ['--file', '-', 'k=cli'], 'k: file\nother: "1"\n')).toEqual(ok());
    expect(ctx.charmState()).toEqual({ k: 'cli', other: '1' });
  });

  it.each([
    [['a'], 'expected "key=value", got "a"', 2],
    [['a=1', 'a=2'], 'key "a" specified more than once', 2],
    [[`${'k'.repeat(257)}=v`], 'max allowed key length (256) exceeded', 1],
    [[`k=${'v'.repeat(65537)}`], 'max allowed value length (65536) exceeded', 1],
  ])('state-set %#', (args, message, code) => {
    expect(runTool(hook(makeWorld()), 'state-set', args)).toEqual(err(message, code));
  });

  it('accepts the limits exactly', () => {
    const ctx = hook(makeWorld());
    expect(runTool(ctx, 'state-set', [`${'k'.repeat(256)}=${'v'.repeat(65536)}`])).toEqual(ok());
  });

  it('state-delete and state-get reject extra args', () => {
    expect(sh(hook(makeWorld()), 'state-delete a b')).toEqual(err('unrecognized args: ["b"]', 2));
    expect(sh(hook(makeWorld()), 'state-get a b')).toEqual(err('unrecognized args: ["b"]', 2));
  });
});
