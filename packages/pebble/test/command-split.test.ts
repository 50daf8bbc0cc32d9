// Service commands split into argv as canonical/pebble does: canonical/x-go strutil/shlex Split for
// the words, then internals/plan/plan.go (*Service).ParseCommand for the `[ ... ]` group of default
// arguments (appended to the base command when nothing overrides them) and its error texts.
import { describe, expect, it } from 'vitest';
import { APIError } from '../src/index.js';
import { serviceArgv } from '../src/server/index.js';
import { startPebble } from './helpers.js';

describe('serviceArgv (plan.go ParseCommand over shlex.Split)', () => {
  it.each([
    ['plain words', 'python3 -m http.server 8080', ['python3', '-m', 'http.server', '8080']],
    ['single quotes keep everything', `sh -c 'echo "$A" \\x'`, ['sh', '-c', 'echo "$A" \\x']],
    ['double quotes with escapes', 'echo "a \\"b\\" \\$HOME"', ['echo', 'a "b" $HOME']],
    ['a backslash in double quotes takes any next character', 'echo "a\\zb"', ['echo', 'azb']],
    ['backslash outside quotes', 'echo a\\ b', ['echo', 'a b']],
    ['adjacent quoted parts join', `echo 'a'"b"c`, ['echo', 'abc']],
    ['a comment ends the line', 'server --flag # run it', ['server', '--flag']],
    [
      'default arguments in [ ... ] are appended',
      'server --port [ 8080 --debug ]',
      ['server', '--port', '8080', '--debug'],
    ],
  ])('%s', (_label, command, argv) => {
    expect(serviceArgv('web', command)).toEqual(argv);
  });

  it.each([
    ['server [ a [ b ] ]', 'cannot nest [ ... ] groups'],
    ['server [ a ] b', 'cannot have any arguments after [ ... ] group'],
    ['[ a ]', 'cannot start command with [ ... ] group'],
    ['server ] a', 'cannot have ] outside of [ ... ] group'],
    [`server 'open`, 'EOF found when expecting closing quote'],
  ])('refuses %j: %s', (command, text) => {
    expect(() => serviceArgv('web', command)).toThrow(`cannot parse service "web" command: ${text}`);
  });

  it('a layer whose command does not parse is refused (plan.go validate)', async () => {
    const { client } = await startPebble();
    const err = (await client
      .addLayer('base', { services: { bad: { override: 'replace', command: 'server ] x' } } })
      .catch((e: unknown) => e)) as APIError;
    expect(err).toBeInstanceOf(APIError);
    expect(err.code).toBe(400);
    expect(err.message).toContain(
      'plan service "bad" command invalid: cannot parse service "bad" command: cannot have ] outside of [ ... ] group',
    );
  });
});
