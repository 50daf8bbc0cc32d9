import { describe, expect, it } from 'vitest';
import { InvalidPortError, ModelError, type Port, type Unit } from '../src/index.js';
import { jujuError, testModel } from './recorder.js';

describe('ports: argv', () => {
  const cases: [string, (u: Unit) => void, string, string[]][] = [
    ["openPort('tcp', 8080)", (u) => u.openPort('tcp', 8080), 'open-port', ['8080/tcp']],
    ["openPort('udp', 53)", (u) => u.openPort('udp', 53), 'open-port', ['53/udp']],
    ["openPort('icmp')", (u) => u.openPort('icmp'), 'open-port', ['icmp']],
    ['openPort(8080) means tcp', (u) => u.openPort(8080), 'open-port', ['8080/tcp']],
    ["openPort('53/udp')", (u) => u.openPort('53/udp'), 'open-port', ['53/udp']],
    ["openPort('443') means tcp", (u) => u.openPort('443'), 'open-port', ['443/tcp']],
    [
      'openPort({protocol, port})',
      (u) => u.openPort({ protocol: 'tcp', port: 443 }),
      'open-port',
      ['443/tcp'],
    ],
    ['protocol lower-cased as ops does', (u) => u.openPort('TCP' as 'tcp', 80), 'open-port', ['80/tcp']],
    ["closePort('tcp', 8080)", (u) => u.closePort('tcp', 8080), 'close-port', ['8080/tcp']],
    ["closePort('icmp')", (u) => u.closePort('icmp'), 'close-port', ['icmp']],
  ];
  it.each(cases)('%s', (_n, act, tool, argv) => {
    const t = testModel();
    act(t.model.unit);
    expect(t.calls).toEqual([{ tool, args: argv }]);
  });

  it('openedPorts: opened-ports --format=json; ranges give their first port and unknown protocols are skipped, each with a warning', () => {
    const t = testModel({ 'opened-ports': '["icmp","8080/tcp","8000-8999/udp","80/sctp"]\n' });
    expect(t.model.unit.openedPorts()).toEqual<Port[]>([
      { protocol: 'icmp' },
      { protocol: 'tcp', port: 8080 },
      { protocol: 'udp', port: 8000 },
    ]);
    expect(t.argsOf('opened-ports')).toEqual([['--format=json']]);
    expect(t.argsOf('juju-log')).toEqual([
      ['--log-level', 'WARNING', '--', 'Ignoring opened-ports port range: 8000-8999/udp'],
      ['--log-level', 'WARNING', '--', 'Unexpected opened-ports protocol: 80/sctp'],
    ]);
  });

  it('a Juju refusal surfaces as ModelError with its stderr', () => {
    const t = testModel({
      'open-port': jujuError('cannot open 80/tcp (unit "test-charm/0"): port range conflicts'),
    });
    expect(() => t.model.unit.openPort('tcp', 80)).toThrow(ModelError);
    expect(() => t.model.unit.openPort('tcp', 80)).toThrow(/port range conflicts/);
  });

  it('remote units cannot open ports', () => {
    const t = testModel();
    expect(() => t.model.getUnit('other/0').openPort(80)).toThrow(/remote unit other\/0/);
    expect(t.calls).toEqual([]);
  });
});

describe('behaviour 30: set_ports opens and closes only the difference', () => {
  it('test_set_ports_replace: closes what is not wanted, then opens what is missing; keeps the rest', () => {
    const t = testModel({ 'opened-ports': '["8080/tcp","icmp","22/tcp"]' });
    t.model.unit.setPorts(8080, { protocol: 'udp', port: 53 }, '9000/tcp');
    expect(t.calls.map((c) => [c.tool, ...c.args])).toEqual([
      ['opened-ports', '--format=json'],
      ['close-port', 'icmp'],
      ['close-port', '22/tcp'],
      ['open-port', '53/udp'],
      ['open-port', '9000/tcp'],
    ]);
  });

  it('test_set_ports_noop: the same set makes no open or close call (duplicates count once)', () => {
    const t = testModel({ 'opened-ports': '["8080/tcp","icmp"]' });
    t.model.unit.setPorts('icmp', 8080, { protocol: 'tcp', port: 8080 });
    expect(t.tools()).toEqual(['opened-ports']);
  });

  it('test_set_ports_all_closed: no ports closes everything', () => {
    const t = testModel({ 'opened-ports': '["8080/tcp","53/udp"]' });
    t.model.unit.setPorts();
    expect(t.calls.slice(1).map((c) => [c.tool, ...c.args])).toEqual([
      ['close-port', '8080/tcp'],
      ['close-port', '53/udp'],
    ]);
  });
});

describe('ports: bad input is refused before any tool runs, naming the value', () => {
  const cases: [string, (u: Unit) => void, RegExp][] = [
    [
      "'80/sctp'",
      (u) => u.openPort('80/sctp'),
      /invalid port "80\/sctp": invalid protocol "sctp", expected "tcp", "udp", or "icmp"/,
    ],
    [
      "'80/tcp/x'",
      (u) => u.openPort('80/tcp/x'),
      /invalid port "80\/tcp\/x": expected <port>\[\/<protocol>\] or icmp/,
    ],
    ["'http'", (u) => u.openPort('http'), /invalid port "http"/],
    [
      "'8000-8010/tcp' (ranges are not ports)",
      (u) => u.openPort('8000-8010/tcp'),
      /invalid port "8000-8010\/tcp"/,
    ],
    [
      '70000',
      (u) => u.openPort(70000),
      /invalid port 70000: a tcp port must be an integer between 0 and 65535/,
    ],
    ['-1', (u) => u.closePort(-1), /invalid port -1/],
    ['1.5', (u) => u.openPort('udp', 1.5), /invalid port .*a udp port must be an integer/],
    ['tcp without a port', (u) => u.openPort('tcp'), /invalid port "tcp"/],
    ['{protocol: tcp}', (u) => u.openPort({ protocol: 'tcp' }), /invalid port \{"protocol":"tcp"\}/],
    ['icmp with a port', (u) => u.openPort('icmp', 8), /protocol "icmp" doesn't support any ports/],
    ['sctp as protocol', (u) => u.openPort('sctp' as 'tcp', 80), /invalid protocol "sctp"/],
    ['setPorts with one bad port', (u) => u.setPorts(80, '80/sctp'), /invalid port "80\/sctp"/],
  ];
  it.each(cases)('%s', (_n, act, msg) => {
    const t = testModel({ 'opened-ports': '[]' });
    let caught: unknown;
    try {
      act(t.model.unit);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidPortError);
    expect((caught as Error).message).toMatch(msg);
    expect(t.calls).toEqual([]);
  });
});
