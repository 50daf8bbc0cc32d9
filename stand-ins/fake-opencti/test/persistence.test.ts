import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StateFileError } from '../src/index.js';
import { addUser, fake, tempDir } from './helpers.js';

describe('fake OpenCTI state file', () => {
  it('keeps users and groups across a restart, in a file of mode 0600 without passwords', async () => {
    const stateFile = join(await tempDir(), 'state.json');
    const first = await fake({ stateFile });
    const user = await addUser(first, 'charm-connector-a');
    first.removeGroup('Administrators');
    await first.close();
    expect((await stat(stateFile)).mode & 0o777).toBe(0o600);
    const second = await fake({ stateFile, groups: ['ignored-when-state-exists'] });
    expect(second.users()).toEqual([expect.objectContaining({ id: user.id, api_token: user.api_token })]);
    expect(second.groups().map((g) => g.name)).toEqual(['Connectors']);
  });

  it('tightens the mode of an existing state file', async () => {
    const stateFile = join(await tempDir(), 'state.json');
    await writeFile(stateFile, JSON.stringify({ users: [], groups: [] }), { mode: 0o644 });
    await fake({ stateFile });
    expect((await stat(stateFile)).mode & 0o777).toBe(0o600);
  });

  it.each([
    { label: 'not JSON', text: 'nope', message: 'is not JSON' },
    { label: 'not a state', text: '{"users": 1}', message: 'does not hold {users, groups}' },
  ])('refuses a state file that is $label', async ({ text, message }) => {
    const stateFile = join(await tempDir(), 'state.json');
    await writeFile(stateFile, text);
    const start = fake({ stateFile });
    await expect(start).rejects.toBeInstanceOf(StateFileError);
    await expect(start).rejects.toThrow(message);
  });
});
