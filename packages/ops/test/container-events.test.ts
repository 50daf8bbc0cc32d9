// Workload events through the real dispatch loop: the container, the lazily fetched notice and check
// info, and OPS_TS_PEBBLE_DIR taken from the dispatch environment (not process.env).
import { describe, expect, it } from 'vitest';
import {
  CharmBase,
  type Framework,
  type PebbleCheckFailedEvent,
  type PebbleCustomNoticeEvent,
  type PebbleReadyEvent,
} from '../src/index.js';
import { startPebble } from './container-helpers.js';
import { charmDir, dispatch } from './helpers.js';

const METADATA = 'name: k8s\ncontainers:\n  workload:\n    resource: img\n';

/** A charm recording what its workload events showed it. */
function recordingCharm(seen: unknown[]) {
  return class K8sCharm extends CharmBase {
    constructor(framework: Framework) {
      super(framework);
      this.observe(this.on.pebbleReady('workload'), this.onReady);
      this.observe(this.on.pebbleCustomNotice('workload'), this.onNotice);
      this.observe(this.on.pebbleCheckFailed('workload'), this.onCheckFailed);
    }
    async onReady(event: PebbleReadyEvent): Promise<void> {
      seen.push({
        container: event.container.name,
        same: event.container === this.unit.getContainer('workload'),
        canConnect: await event.container.canConnect(),
      });
    }
    async onNotice(event: PebbleCustomNoticeEvent): Promise<void> {
      const full = await event.getNotice();
      seen.push({ notice: event.notice, occurrences: full.occurrences, data: full['last-data'] });
    }
    async onCheckFailed(event: PebbleCheckFailedEvent): Promise<void> {
      const info = await event.getCheckInfo();
      seen.push({ check: event.checkName, status: info.status, failures: info.failures });
    }
  };
}

describe('workload events', () => {
  it('pebble-ready hands out the container, reachable through OPS_TS_PEBBLE_DIR', async () => {
    const { dir } = await startPebble('workload');
    const seen: unknown[] = [];
    const r = await dispatch(recordingCharm(seen), {
      hook: 'workload-pebble-ready',
      dir: charmDir({ metadata: METADATA }),
      env: { JUJU_WORKLOAD_NAME: 'workload', OPS_TS_PEBBLE_DIR: dir },
    });
    expect(r.stderr).toEqual([]);
    expect(r.code).toBe(0);
    expect(seen).toEqual([{ container: 'workload', same: true, canConnect: true }]);
  });

  it('two dispatches with different pebble dirs run side by side', async () => {
    const up = await startPebble('workload');
    const seenUp: unknown[] = [];
    const seenDown: unknown[] = [];
    const run = (seen: unknown[], pebbleDir: string) =>
      dispatch(recordingCharm(seen), {
        hook: 'workload-pebble-ready',
        dir: charmDir({ metadata: METADATA }),
        env: { JUJU_WORKLOAD_NAME: 'workload', OPS_TS_PEBBLE_DIR: pebbleDir },
      });
    await Promise.all([run(seenUp, up.dir), run(seenDown, `${up.dir}-absent`)]);
    expect(seenUp).toMatchObject([{ canConnect: true }]);
    expect(seenDown).toMatchObject([{ canConnect: false }]);
  });

  it('custom notice: id, type and key from the environment, the full notice on request', async () => {
    const { dir, server } = await startPebble('workload');
    server.addNotice({ type: 'custom', key: 'example.com/db', data: { ready: 'yes' } });
    const notice = server.addNotice({ type: 'custom', key: 'example.com/db', data: { ready: 'again' } });
    const seen: unknown[] = [];
    const r = await dispatch(recordingCharm(seen), {
      hook: 'workload-pebble-custom-notice',
      dir: charmDir({ metadata: METADATA }),
      env: {
        JUJU_WORKLOAD_NAME: 'workload',
        JUJU_NOTICE_ID: notice.id,
        JUJU_NOTICE_TYPE: 'custom',
        JUJU_NOTICE_KEY: 'example.com/db',
        OPS_TS_PEBBLE_DIR: dir,
      },
    });
    expect(r.code).toBe(0);
    expect(seen).toEqual([
      {
        notice: { id: notice.id, type: 'custom', key: 'example.com/db' },
        occurrences: 2,
        data: { ready: 'again' },
      },
    ]);
  });

  it('check failed: the check info on request', async () => {
    const { dir, server, container } = await startPebble('workload');
    await container.addLayer('base', {
      checks: { up: { override: 'replace', level: 'ready', threshold: 2, tcp: { port: 80 } } },
    });
    server.setCheckStatus('up', 'down');
    const seen: unknown[] = [];
    const r = await dispatch(recordingCharm(seen), {
      hook: 'workload-pebble-check-failed',
      dir: charmDir({ metadata: METADATA }),
      env: { JUJU_WORKLOAD_NAME: 'workload', JUJU_PEBBLE_CHECK_NAME: 'up', OPS_TS_PEBBLE_DIR: dir },
    });
    expect(r.code).toBe(0);
    expect(seen).toEqual([{ check: 'up', status: 'down', failures: 2 }]);
  });

  it('a notice that is gone fails the hook with a ModelError', async () => {
    const { dir } = await startPebble('workload');
    const r = await dispatch(recordingCharm([]), {
      hook: 'workload-pebble-custom-notice',
      dir: charmDir({ metadata: METADATA }),
      env: {
        JUJU_WORKLOAD_NAME: 'workload',
        JUJU_NOTICE_ID: '42',
        JUJU_NOTICE_TYPE: 'custom',
        JUJU_NOTICE_KEY: 'example.com/x',
        OPS_TS_PEBBLE_DIR: dir,
      },
    });
    expect(r.code).toBe(1);
    expect(r.stderr.join('\n')).toMatch(/ModelError: notice "42" not found/);
  });
});
