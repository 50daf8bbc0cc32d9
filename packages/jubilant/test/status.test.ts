// `juju status --format json` of real juju 3.6 (fixtures/README.md says where each is from) parsed into
// typed objects, as jubilant's tests/unit/test_statustypes.py expects of its dataclasses.
import { describe, expect, it } from 'vitest';
import { describeStatus, getUnits, parseStatus } from '../src/index.js';
import { fixture } from './support/recording-juju.js';

const status = (name: string) => parseStatus(JSON.parse(fixture(name)));

describe('parseStatus', () => {
  it('reads a Kubernetes model with one charmhub application', () => {
    const s = status('status-k8s-snappass.json');
    expect(s.model).toEqual({
      name: 'tt',
      type: 'caas',
      controller: 'microk8s-localhost',
      cloud: 'microk8s',
      version: '3.6.1',
      region: 'localhost',
      upgradeAvailable: '',
      modelStatus: {
        current: 'available',
        message: '',
        reason: '',
        since: '24 Feb 2025 12:02:57+13:00',
        version: '',
        life: '',
      },
    });
    expect(s.machines).toEqual({});
    const app = s.apps['snappass-test'];
    expect(app).toMatchObject({
      charm: 'snappass-test',
      charmOrigin: 'charmhub',
      charmName: 'snappass-test',
      charmRev: 9,
      charmChannel: 'latest/stable',
      exposed: false,
      base: { name: 'ubuntu', channel: '20.04' },
      scale: 1,
      address: '10.152.183.248',
      appStatus: { current: 'active', message: 'snappass started' },
      relations: {},
    });
    expect(app?.units['snappass-test/0']).toMatchObject({
      workloadStatus: { current: 'active', message: 'snappass started' },
      jujuStatus: { current: 'idle', version: '3.6.1' },
      leader: true,
      address: '10.1.164.138',
      providerId: 'snappass-test-0',
      openPorts: [],
      subordinates: {},
    });
    expect(s.controller.timestamp).toBe('12:04:55+13:00');
  });

  it('reads relations as lists of related application, interface and scope', () => {
    const s = status('status-k8s-relations.json');
    expect(s.apps.database?.relations).toEqual({
      db: [
        { relatedApp: 'webapp', interface: 'dbi', scope: 'global' },
        { relatedApp: 'dummy', interface: 'xyz', scope: 'foobar' },
      ],
    });
    expect(s.apps.webapp?.charm).toBe('local:webapp-0');
    expect(s.apps.webapp?.charmRev).toBe(0);
    expect(s.apps.database?.units['database/0']?.openPorts).toEqual(['8080/tcp']);
    expect(s.apps.database?.endpointBindings).toEqual({ '': 'alpha', db: 'alpha' });
  });

  it('reads machines and finds subordinate units under their principals', () => {
    const s = status('status-machines-subordinates.json');
    expect(s.model.type).toBe('iaas');
    expect(Object.keys(s.machines)).toEqual(['1', '2']);
    expect(s.machines['1']).toMatchObject({
      jujuStatus: { current: 'started', version: '3.6.4' },
      hostname: 'juju-663cb8-1',
      dnsName: '10.103.56.99',
      instanceId: 'juju-663cb8-1',
      machineStatus: { current: 'running', message: 'Running' },
      base: { name: 'ubuntu', channel: '24.04' },
      constraints: 'arch=amd64',
    });
    expect(s.machines['1']?.networkInterfaces.eth0).toEqual({
      ipAddresses: ['10.103.56.99', 'fd42:63bf:36e0:2d9b:216:3eff:fe37:b62f'],
      macAddress: '00:16:3e:37:b6:2f',
      isUp: true,
      gateway: '10.103.56.1 10.103.56.1',
      dnsNameservers: [],
      space: 'alpha',
    });
    expect(s.apps.nrpe?.units).toEqual({});
    expect(s.apps.nrpe?.subordinateTo).toEqual(['ubun2', 'ubuntu']);
    const nrpe = getUnits(s, 'nrpe');
    expect(Object.keys(nrpe).sort()).toEqual(['nrpe/1', 'nrpe/2']);
    expect(nrpe['nrpe/1']).toMatchObject({ leader: true, openPorts: ['icmp', '5666/tcp'] });
    expect(getUnits(s, 'ubuntu')).toBe(s.apps.ubuntu?.units);
    expect(getUnits(s, 'missing')).toEqual({});
  });

  it('turns status-error entries into "failed" statuses carrying the error', () => {
    const s = status('status-errors.json');
    expect(s.model.modelStatus).toMatchObject({ current: 'failed', message: 'model status error!' });
    expect(s.machines['machine-failed']?.jujuStatus).toMatchObject({
      current: 'failed',
      message: 'machine status error!',
    });
    expect(s.apps['app-failed']).toMatchObject({
      charm: '<failed>',
      charmRev: -1,
      appStatus: { current: 'failed', message: 'app status error!' },
    });
    expect(s.apps['unit-failed']?.units['unit-failed/0']?.workloadStatus).toMatchObject({
      current: 'failed',
      message: 'unit status error!',
    });
    expect(s.offers['offer-failed']?.app).toBe('<failed> (offer status error!)');
    expect(s.appEndpoints['remote-app-failed']?.appStatus.message).toBe('remote app status error!');
  });

  it('fails in one line on output that is not a status', () => {
    expect(() => parseStatus({ applications: {} })).toThrow(/^juju status: output has no "model" object/);
    expect(() => parseStatus([])).toThrow(/no "model"/);
  });

  it('describes each application and unit for wait errors', () => {
    expect(describeStatus(status('status-k8s-relations.json'))).toBe(
      [
        'model tt (caas)',
        '  database: active (relation-created: added new secret)',
        '    database/0: active (relation-created: added new secret) [agent idle]',
        "  webapp: active (relation-changed: would update web app's db secret)",
        "    webapp/0: active (relation-changed: would update web app's db secret) [agent idle]",
      ].join('\n'),
    );
  });
});
