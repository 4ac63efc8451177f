// discovery.k8s.io/v1 EndpointSlices through kubectl: upstream's columns
// (three ports and addresses, then "+ N more...", <unset> when none), the
// defaults of ports, and the validation errors kubectl shows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startCluster } from '../cluster.js';

const slice = (name: string, extra: object) => JSON.stringify({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name }, ...extra });

describe('endpoint slices', () => {
  it('prints, defaults and validates EndpointSlices as upstream does', async (t) => {
    const c = await startCluster(t, ['--disable-controller-manager']);
    const ports = [80, 81, 82, 83].map((port) => ({ name: `p${port}`, port }));
    const endpoints = [1, 2, 3, 4, 5].map((n) => ({ addresses: [`10.1.0.${n}`] }));
    await c.ok(['create', '-f', '-'], { input: slice('many', { addressType: 'IPv4', ports, endpoints }) });
    await c.ok(['create', '-f', '-'], { input: slice('empty', { addressType: 'IPv6', endpoints: [] }) });
    await c.ok(['create', '-f', '-'], { input: slice('named', { addressType: 'FQDN', ports: [{ name: 'http' }], endpoints: [{ addresses: ['db.example.com'] }] }) });
    // The server's own slice for the kubernetes service sits among them, as upstream's does.
    const apiPort = new URL(c.server).port;
    assert.match(
      await c.ok(['get', 'endpointslices']),
      new RegExp(
        '^NAME\\s+ADDRESSTYPE\\s+PORTS\\s+ENDPOINTS\\s+AGE\\n' +
          'empty\\s+IPv6\\s+<unset>\\s+<unset>\\s+\\d+s\\n' +
          `kubernetes\\s+IPv4\\s+${apiPort}\\s+\\d+\\.\\d+\\.\\d+\\.\\d+\\s+\\d+s\\n` +
          'many\\s+IPv4\\s+80,81,82 \\+ 1 more\\.\\.\\.\\s+10\\.1\\.0\\.1,10\\.1\\.0\\.2,10\\.1\\.0\\.3 \\+ 2 more\\.\\.\\.\\s+\\d+s\\n' +
          'named\\s+FQDN\\s+http\\s+db\\.example\\.com\\s+\\d+s\\n$',
      ),
    );
    assert.equal(await c.ok(['get', 'endpointslice', 'named', '-o', 'jsonpath={.ports[0].protocol}']), 'TCP');

    const bad = await c.kubectl(['create', '-f', '-'], {
      input: slice('bad', { addressType: 'IPv4', ports: [{ name: 'Web', port: 0, protocol: 'ICMP' }, { name: 'Web', port: 80 }], endpoints: [{ addresses: ['10.0.0.300'] }, { addresses: [] }] }),
    });
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /The EndpointSlice "bad" is invalid: \n/);
    assert.match(bad.stderr, /\* endpoints\[0\]\.addresses\[0\]: Invalid value: "10\.0\.0\.300": must be a valid IPv4 address\n/);
    assert.match(bad.stderr, /\* endpoints\[1\]\.addresses: Required value: must contain at least 1 address\n/);
    assert.match(bad.stderr, /\* ports\[0\]\.name: Invalid value: "Web": a lowercase RFC 1123 label must consist of/);
    assert.match(bad.stderr, /\* ports\[0\]\.protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"\n/);
    assert.match(bad.stderr, /\* ports\[0\]\.port: Invalid value: 0: must be between 1 and 65535, inclusive\n/);
    assert.match(bad.stderr, /\* ports\[1\]\.name: Duplicate value: "Web"\n/);

    const noType = await c.kubectl(['create', '-f', '-'], { input: slice('untyped', { endpoints: [] }) });
    assert.match(noType.stderr, /The EndpointSlice "untyped" is invalid: addressType: Required value\n/);
    const wrongType = await c.kubectl(['create', '-f', '-'], { input: slice('typo', { addressType: 'IPv5', endpoints: [] }) });
    assert.match(wrongType.stderr, /addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"\n/);
    const tooMany = await c.kubectl(['create', '-f', '-'], { input: slice('huge', { addressType: 'IPv4', endpoints: Array.from({ length: 1001 }, () => ({ addresses: ['10.0.0.1'] })) }) });
    assert.match(tooMany.stderr, /endpoints: Too many: 1001: must have at most 1000 items\n/);
    const changed = await c.kubectl(['patch', 'endpointslice', 'empty', '--type=merge', '-p', '{"addressType":"IPv4"}']);
    assert.match(changed.stderr, /addressType: Invalid value: "IPv4": field is immutable\n/);
  });
});
