// Container.localAddress: where the charm reaches a port its workload listens on — localhost on a pod,
// the simulator's loopback port when OPS_TS_CONTAINER_PORTS maps it.
import { describe, expect, it } from 'vitest';
import { parseContainerPorts } from '../src/charm/main.js';
import { CharmBase, Container, type Framework, Model } from '../src/index.js';
import { HookToolBackend, parseCharmMeta } from '../src/runtime.js';
import { charmDir, dispatch, scriptedRunner } from './helpers.js';

function model(containerPorts?: Record<string, Record<string, number>>): Model {
  return new Model({
    meta: parseCharmMeta({ metadata: { name: 'k8s', containers: { opencti: {}, sidecar: {} } } }),
    backend: new HookToolBackend(scriptedRunner().runner),
    unitName: 'k8s/0',
    modelName: 'm',
    modelUuid: 'u',
    ...(containerPorts ? { containerPorts } : {}),
  });
}

describe('Container.localAddress', () => {
  it.each([
    ['no mapping', undefined, 'opencti', 8080, 'localhost:8080'],
    ['a mapped port', { opencti: { '8080': 41234 } }, 'opencti', 8080, '127.0.0.1:41234'],
    [
      'an unmapped port of a mapped container',
      { opencti: { '8080': 41234 } },
      'opencti',
      9000,
      'localhost:9000',
    ],
    ['another container', { opencti: { '8080': 41234 } }, 'sidecar', 8080, 'localhost:8080'],
  ])('%s', (_name, ports, container, port, expected) => {
    expect(model(ports).unit.getContainer(container).localAddress(port)).toBe(expected);
  });

  it('is localhost for a Container made directly', () => {
    expect(new Container('opencti').localAddress(80)).toBe('localhost:80');
  });

  it.each([
    ['well-formed', '{"opencti":{"8080":41234}}', { opencti: { '8080': 41234 } }],
    ['not JSON', '{', {}],
    ['not an object', '[1]', {}],
    ['bad host ports dropped', '{"a":{"1":"x","2":0,"3":70000,"4":5}}', { a: { '4': 5 } }],
  ])('OPS_TS_CONTAINER_PORTS: %s', (_name, text, expected) => {
    expect(parseContainerPorts(text)).toEqual(expected);
  });

  it('main reads OPS_TS_CONTAINER_PORTS from the dispatch environment', async () => {
    const seen: string[] = [];
    class C extends CharmBase {
      constructor(framework: Framework) {
        super(framework);
        this.observe(this.on.install, this.onInstall);
      }
      onInstall(_event: unknown): void {
        seen.push(this.unit.getContainer('opencti').localAddress(8080));
      }
    }
    const dir = charmDir({ metadata: 'name: test-charm\ncontainers:\n  opencti: {}\n' });
    const mapped = await dispatch(C, {
      hook: 'install',
      dir,
      env: { OPS_TS_CONTAINER_PORTS: '{"opencti":{"8080":45678}}' },
    });
    expect(mapped.stderr).toEqual([]);
    await dispatch(C, { hook: 'install', dir });
    expect(seen).toEqual(['127.0.0.1:45678', 'localhost:8080']);
  });
});
