import { describe, expect, it } from 'vitest';
import { type FlagDef, parseArgs } from '../src/argv.js';
import { HelpRequested, UsageError } from '../src/errors.js';

const DEFS: FlagDef[] = [
  {
    names: ['relation', 'r'],
    kind: 'string',
    validate: (v) => (/\d$/.test(v) ? undefined : 'invalid relation id'),
  },
  { names: ['app'], kind: 'bool' },
  { names: ['format'], kind: 'string', default: 'smart' },
  { names: ['a'], kind: 'bool' },
  { names: ['b'], kind: 'bool' },
];

describe('gnuflag grammar', () => {
  it.each([
    [['-r3'], { relation: '3' }, []],
    [['-r', '3'], { relation: '3' }, []],
    [['--relation=db:3'], { relation: 'db:3' }, []],
    [['--relation', 'db:3'], { relation: 'db:3' }, []],
    [['x', '--app', 'y'], { app: true }, ['x', 'y']],
    [['--app', 'false'], { app: true }, ['false']],
    [['--app=false'], { app: false }, []],
    [['--app=True'], { app: true }, []],
    [['--app=0'], { app: false }, []],
    [['--', '--app', '-r'], {}, ['--app', '-r']],
    [['-', 'x'], {}, ['-', 'x']],
    [['', 'x'], {}, ['', 'x']],
    [['-ab'], { a: true, b: true }, []],
    [['-r', '1', '-r', '2'], { relation: '2' }, []],
    [['--format', 'json', 'k'], { format: 'json' }, ['k']],
  ] as const)('%j', (args, flags, positionals) => {
    const parsed = parseArgs(args, DEFS);
    expect(parsed.positionals).toEqual(positionals);
    expect(parsed.flags).toEqual({ format: 'smart', ...flags });
  });

  it.each([
    [['--foo'], 'option provided but not defined: --foo'],
    [['-format'], 'option provided but not defined: -f'],
    [['-x'], 'option provided but not defined: -x'],
    [['-r'], 'option needs an argument: -r'],
    [['--relation'], 'option needs an argument: --relation'],
    [['--=x'], 'empty option in argument "--=x"'],
    [['-r', 'one'], 'invalid value "one" for option -r: invalid relation id'],
    [['--relation=one'], 'invalid value "one" for option --relation: invalid relation id'],
    [
      ['--app=maybe'],
      'invalid value "maybe" for option --app: strconv.ParseBool: parsing "maybe": invalid syntax',
    ],
  ] as const)('%j rejected', (args, message) => {
    expect(() => parseArgs(args, DEFS)).toThrow(new UsageError(message));
  });

  it.each([[['-h']], [['--help']], [['x', '--help']]])('%j asks for help', (args) => {
    expect(() => parseArgs(args, DEFS)).toThrow(HelpRequested);
  });
});
