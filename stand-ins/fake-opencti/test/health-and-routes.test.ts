import { describe, expect, it } from 'vitest';
import { fake, HEALTH_KEY } from './helpers.js';

describe('fake OpenCTI /health and base path', () => {
  it.each([
    { query: `?health_access_key=${HEALTH_KEY}`, status: 200 },
    { query: '?health_access_key=wrong', status: 401 },
    { query: '', status: 401 },
  ])('answers /health$query with $status', async ({ query, status }) => {
    const server = await fake();
    expect((await fetch(`${server.url}/health${query}`)).status).toBe(status);
  });

  it('answers 503 while unhealthy, and 200 again once healthy', async () => {
    const server = await fake();
    const url = `${server.url}/health?health_access_key=${HEALTH_KEY}`;
    server.setHealthy(false);
    expect((await fetch(url)).status).toBe(503);
    server.setHealthy(true);
    expect(await (await fetch(url)).json()).toEqual({ status: 'success' });
  });

  it("never answers health with OpenCTI's default key ChangeMe", async () => {
    const server = await fake({ healthAccessKey: 'ChangeMe' });
    expect((await fetch(`${server.url}/health?health_access_key=ChangeMe`)).status).toBe(401);
  });

  it.each([
    { basePath: '/opencti', url: '/opencti' },
    { basePath: '/opencti/', url: '/opencti' },
    { basePath: 'opencti', url: '/opencti' },
    { basePath: '/', url: '' },
    { basePath: '', url: '' },
  ])('serves under the base path $basePath', async ({ basePath, url }) => {
    const server = await fake({ basePath });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}${url}`);
    expect((await fetch(`${server.url}/health?health_access_key=${HEALTH_KEY}`)).status).toBe(200);
    if (url)
      expect(
        (await fetch(`http://127.0.0.1:${server.port}/health?health_access_key=${HEALTH_KEY}`)).status,
      ).toBe(404);
  });

  it('answers GET /graphql with 405', async () => {
    const server = await fake();
    expect((await fetch(`${server.url}/graphql`)).status).toBe(405);
  });

  it('refuses to listen on a non-loopback address', async () => {
    await expect(fake({ host: '0.0.0.0' })).rejects.toThrow('loopback addresses only');
  });
});
