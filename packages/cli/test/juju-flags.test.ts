// The gnuflag grammar `ops-ts juju` parses argv with (juju/gnuflag as juju/juju's commands use it), Go
// durations for --wait/--timeout, and the wait-for queries the simulator answers.
import { describe, expect, it } from 'vitest';
import { type FlagSpec, parseDuration, parseFlags } from '../src/juju/flags.js';
import { evaluateQuery } from '../src/juju/wait-for.js';

const specs: FlagSpec[] = [
  { names: ['n', 'num-units'], kind: 'int' },
  { names: ['trust'], kind: 'bool' },
  { names: ['config'], kind: 'list' },
  { names: ['m', 'model'], kind: 'string' },
];

describe('parseFlags', () => {
  it.each([
    [['app', '-n', '3'], { 'num-units': 3 }, ['app']],
    [['--num-units=3', 'app'], { 'num-units': 3 }, ['app']],
    [['-n=2'], { 'num-units': 2 }, []],
    [['x', '--trust', 'y'], { trust: true }, ['x', 'y']],
    [['--trust=false'], { trust: false }, []],
    [['--config', 'a=1', '--config=b=2'], { config: ['a=1', 'b=2'] }, []],
    [['-m', 'ctl:admin/m', 'status'], { model: 'ctl:admin/m' }, ['status']],
    [['--', '-n', '--trust'], {}, ['-n', '--trust']],
    [['-'], {}, ['-']],
    // gnuflag: after one dash the first letter is the flag, the rest its value; `--n` is `-n`.
    [['-n3'], { 'num-units': 3 }, []],
    [['--n', '4'], { 'num-units': 4 }, []],
    [['--trust=T', '-n', '0x10'], { trust: true, 'num-units': 16 }, []],
  ])('%j', (argv, flags, args) => {
    const parsed = parseFlags(argv, specs);
    expect(Object.fromEntries(parsed.flags)).toEqual(flags);
    expect(parsed.args).toEqual(args);
  });

  it.each([
    [['--bogus'], 'option provided but not defined: --bogus'],
    [['-x'], 'option provided but not defined: -x'],
    [['-xyz'], 'option provided but not defined: -x'],
    [['--q', '1'], 'option provided but not defined: -q'],
    [
      ['-num-units'],
      'invalid value "um-units" for option -n: strconv.ParseInt: parsing "um-units": invalid syntax',
    ],
    [['--config'], 'option needs an argument: --config'],
    [['-n', 'two'], 'invalid value "two" for option -n: strconv.ParseInt: parsing "two": invalid syntax'],
    [
      ['--trust=maybe'],
      'invalid value "maybe" for option --trust: strconv.ParseBool: parsing "maybe": invalid syntax',
    ],
  ])('refuses %j', (argv, message) => {
    expect(() => parseFlags(argv, specs)).toThrow(message);
  });
});

describe('parseDuration', () => {
  it.each([
    ['60s', 60_000],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['250ms', 250],
    ['2h', 7_200_000],
    ['0', 0],
  ])('%s is %i ms', (text, ms) => expect(parseDuration(text, 'wait')).toBe(ms));

  it.each([
    ['10', 'time: missing unit in duration "10"'],
    ['s', 'time: invalid duration "s"'],
    ['5 s', 'time: unknown unit " s" in duration "5 s"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
  ])('refuses %j', (text, why) =>
    expect(() => parseDuration(text, 'wait')).toThrow(`invalid value "${text}" for option --wait: ${why}`),
  );
});

describe('wait-for queries', () => {
  const app = { name: 'db', life: 'alive', status: 'active' };
  it.each([
    ['life=="alive" && status=="active"', true],
    ["status=='active'", true],
    ['status!="active"', false],
    ['status=="blocked" || life=="alive"', true],
    ['status=="blocked" || life=="dying" && status=="active"', false],
  ])('%s is %s', (query, expected) => expect(evaluateQuery(query, app)).toBe(expected));

  it.each([
    ['status=active', 'is not offered by the simulator'],
    ['colour=="red"', 'unknown field "colour"'],
  ])('refuses %s', (query, message) => expect(() => evaluateQuery(query, app)).toThrow(message));
});
