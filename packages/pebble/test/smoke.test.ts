import { describe, expect, it } from 'vitest';
import { startPebble } from './helpers.js';

describe('smoke', () => {
  it('system info', async () => {
    const { client } = await startPebble();
    const info = await client.getSystemInfo();
    expect(info.version).toContain('fake');
  });
});
