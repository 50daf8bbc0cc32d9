// The webserver (a Kubernetes charm) as a user checks it on a model, through @ops-ts/jubilant: in the
// simulator by default, on a real model with OPS_TS_JUJU_BACKEND=real (see this charm's README). It is
// deployed with its OCI image resource, serves on the configured port, blocks on a bad port and recovers.
import { allActive, allBlocked, anyError } from '@ops-ts/jubilant';
import { beforeAll, describe, expect, it } from 'vitest';
import { useIntegrationModel } from '../../../test/support/integration-model.js';

const model = useIntegrationModel('webserver-it', ['webserver']);
const { juju, delay } = model;
let charm = '';

beforeAll(async () => {
  charm = await model.pack('examples/webserver');
}, 300_000);

describe(`webserver on the ${juju.backend.name} backend`, { timeout: model.timeout }, () => {
  it('deploys with its image and serves on the default port', async () => {
    if (model.real) {
      await juju.deploy(charm, { app: 'webserver', resources: { 'webserver-image': 'python:3.12-slim' } });
    } else {
      // The simulator runs no image: `python3 --version` (the charm's workload-version probe) gets a canned
      // answer, set between queuing the deploy's hooks and running them.
      await model.sim('deploy', charm, 'webserver', '--no-wait', '-q');
      await model.sim(
        'exec-stub',
        'webserver',
        'webserver',
        '--stdout',
        'Python 3.12.3\n',
        '--',
        'python3',
        '--version',
      );
      await model.sim('wait', '-q');
    }
    const status = await juju.wait((s) => allActive(s, 'webserver'), { error: anyError, delay });
    expect(status.apps.webserver?.units['webserver/0']?.workloadStatus.message).toBe('serving on port 8080');
    expect(status.apps.webserver?.version).toMatch(/^3\.12\.\d+$/);
    expect(status.model.type).toBe('caas');
  });

  it('blocks on a port out of range, naming the rule, and recovers when it is fixed', async () => {
    await juju.setConfig('webserver', { port: 70000 });
    const blocked = await juju.wait((s) => allBlocked(s, 'webserver'), { delay });
    expect(blocked.apps.webserver?.units['webserver/0']?.workloadStatus.message).toBe(
      'port must be an integer between 1 and 65535',
    );
    await juju.setConfig('webserver', { port: 9090 });
    const status = await juju.wait(
      (s) =>
        allActive(s, 'webserver') &&
        s.apps.webserver?.units['webserver/0']?.workloadStatus.message === 'serving on port 9090',
      { delay },
    );
    expect(status.apps.webserver?.units['webserver/0']?.workloadStatus.current).toBe('active');
  });

  it('refuses a config value of the wrong type, as juju does', async () => {
    await expect(juju.setConfig('webserver', { port: 'eighty' })).rejects.toThrow(/port/);
  });
});
