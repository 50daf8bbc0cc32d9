import { describe, expect, it } from 'vitest';
import { fake, gql, HEALTH_KEY, LIST_USERS } from './helpers.js';

describe('fake OpenCTI fault injection', () => {
  it('fails the next n GraphQL requests with the given status, then serves again; /health is unaffected', async () => {
    const server = await fake();
    server.failNext(2, { status: 502 });
    expect((await fetch(`${server.url}/health?health_access_key=${HEALTH_KEY}`)).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${server.url}/graphql`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(502);
      expect(await res.text()).toContain('injected failure');
    }
    expect((await gql(server, LIST_USERS)).status).toBe(200);
  });

  it('defaults the injected status to 500', async () => {
    const server = await fake();
    server.failNext(1);
    expect((await fetch(`${server.url}/graphql`, { method: 'POST', body: '{}' })).status).toBe(500);
  });

  it('delays answers, and close() does not wait for a delayed answer', async () => {
    const server = await fake();
    server.delay(150);
    const started = Date.now();
    await gql(server, LIST_USERS);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    server.delay(60_000);
    const pending = gql(server, LIST_USERS).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const closing = Date.now();
    await server.close();
    expect(Date.now() - closing).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('removes a group and drops it from its members', async () => {
    const server = await fake();
    expect(server.removeGroup('Connectors')).toBe(true);
    expect(server.removeGroup('Connectors')).toBe(false);
    expect(server.groups().map((g) => g.name)).toEqual(['Administrators']);
  });
});
