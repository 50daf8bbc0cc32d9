// Reconcile gating: the first reason to stop becomes the status, with upstream's texts and order
// (canonical/opencti-operator src/charm.py `_reconcile_platform`, `_check_preconditions`, `_gen_*_env`).
import type { FakeOpencti } from '@ops-ts/fake-opencti';
import { ActiveStatus, BlockedStatus, WaitingStatus } from '@ops-ts/ops';
import { getContainer, type StateInit } from '@ops-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminSecret,
  amqp,
  context,
  fakeOpencti,
  ingress,
  opensearch,
  opensearchSecret,
  peer,
  peerSecret,
  redis,
  s3,
  workload,
  world,
} from './fixtures.js';

let fake: FakeOpencti;
beforeAll(async () => {
  fake = await fakeOpencti();
});
afterAll(() => fake.close());

const required = () => [opensearch(), redis(), amqp(), s3(), ingress()];

describe('status paths, in upstream order', () => {
  const cases: [string, Partial<StateInit>, unknown][] = [
    [
      'container not reachable (checked before anything else)',
      { containers: [workload(false)], relations: [] },
      new WaitingStatus('waiting for opencti container'),
    ],
    [
      'no integrations at all',
      { relations: [peer()] },
      new BlockedStatus('missing integration(s): opensearch-client, redis, amqp, s3, ingress'),
    ],
    [
      'an integration without units',
      {
        relations: [peer(), opensearch(), redis(), amqp({}), s3(), ingress()],
      },
      new BlockedStatus('missing integration(s): amqp'),
    ],
    ['no peer relation', { relations: required() }, new WaitingStatus('waiting for peer integration')],
    [
      'peer relation without the secret (non-leader)',
      { leader: false, relations: [peer({}), ...required()] },
      new WaitingStatus('waiting for peer integration'),
    ],
    ['admin-user unset', { config: {} }, new BlockedStatus('missing charm config: admin-user')],
    [
      'admin-user is not a secret',
      { config: { 'admin-user': 'secret:d0no0such0secret0000' } },
      new BlockedStatus('admin-user config is not a secret'),
    ],
    [
      'admin-user secret without password',
      { secrets: [peerSecret(), adminSecret({ email: 'admin@example.com' }), opensearchSecret()] },
      new BlockedStatus('invalid secret content in admin-user config'),
    ],
    [
      'opensearch has not created the index yet',
      { relations: [peer(), opensearch({}), redis(), amqp(), s3(), ingress()] },
      new WaitingStatus('waiting for opensearch-client integration'),
    ],
    [
      'rabbitmq has not sent the password yet',
      { relations: [peer(), opensearch(), redis(), amqp({ 0: { hostname: '10.1.0.4' } }), s3(), ingress()] },
      new WaitingStatus('waiting for amqp integration'),
    ],
    [
      'redis has not published its address yet',
      { relations: [peer(), opensearch(), redis({}), amqp(), s3(), ingress()] },
      new WaitingStatus('waiting for redis integration'),
    ],
    [
      'redis publishes a port that is not one',
      { relations: [peer(), opensearch(), redis({ hostname: 'h', port: 'x' }), amqp(), s3(), ingress()] },
      new BlockedStatus('invalid redis integration'),
    ],
    [
      's3 without credentials',
      { relations: [peer(), opensearch(), redis(), amqp(), s3({ bucket: 'opencti' }), ingress()] },
      new WaitingStatus('waiting for s3 integration'),
    ],
    [
      'ingress without a URL yet',
      { relations: [peer(), opensearch(), redis(), amqp(), s3(), ingress('')] },
      new WaitingStatus('waiting for ingress integration'),
    ],
    ['all there, platform healthy', {}, new ActiveStatus('')],
  ];
  it.each(cases)('%s', async (_name, overrides, status) => {
    const ctx = context(fake);
    const out = await ctx.run(ctx.on.configChanged(), world(overrides));
    expect(out.unitStatus).toEqual(status);
  });

  it('waits for the platform while /health does not answer 200, with the callback running', async () => {
    const ctx = context(fake);
    fake.setHealthy(false);
    try {
      const out = await ctx.run(ctx.on.configChanged(), world());
      expect(out.unitStatus).toEqual(new WaitingStatus('waiting for opencti platform to start'));
      const opencti = getContainer(out, 'opencti');
      expect(opencti.serviceStatuses).toEqual({
        platform: 'active',
        'charm-callback': 'active',
        'worker-0': 'inactive',
        'worker-1': 'inactive',
        'worker-2': 'inactive',
      });
      expect(opencti.layers.opencti?.checks).toBeUndefined();
    } finally {
      fake.setHealthy(true);
    }
  });

  it('waits for the platform when nothing listens on its port', async () => {
    const closed = await fakeOpencti();
    const ctx = context(closed);
    await closed.close();
    const out = await ctx.run(ctx.on.configChanged(), world());
    expect(out.unitStatus).toEqual(new WaitingStatus('waiting for opencti platform to start'));
  });

  it("refuses the app name 'x-opencti' (it would share OpenSearch's index)", async () => {
    const ctx = context(fake, 'x-opencti');
    const out = await ctx.run(ctx.on.configChanged(), world());
    expect(out.unitStatus).toEqual(new BlockedStatus("charm cannot be named 'x-opencti'"));
  });
});
