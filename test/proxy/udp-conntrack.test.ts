// Which UDP conntrack entries a sync deletes: those of destinations that
// have just gained endpoints (flows begun while nothing DNATed them), and
// of routes to endpoints that have gone; nothing for TCP, nothing when
// nothing changed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EndpointSlice } from '../../src/apiserver/registry/discovery/endpointslices.js';
import type { Service } from '../../src/proxy/rules.js';
import { staleUdpFlows, udpRoutes } from '../../src/proxy/udp-conntrack.js';

const dns = (type = 'ClusterIP'): Service => ({
  metadata: { namespace: 'kube-system', name: 'dns' },
  spec: { type, clusterIP: '10.43.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP', nodePort: 30053 }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] },
});

const slices = (ips: string[]): EndpointSlice[] => [
  {
    metadata: { namespace: 'kube-system', name: 'dns-1' },
    addressType: 'IPv4',
    ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }],
    endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
  },
];

const routes = (svc: Service, ips: string[]) => udpRoutes([svc], () => slices(ips));

describe('stale UDP flows', () => {
  it('clears the flows of a UDP service that gains endpoints, by cluster IP and node port', () => {
    assert.deepEqual(staleUdpFlows(routes(dns(), []), routes(dns(), ['10.42.0.5'])), [['-D', '-p', 'udp', '--orig-dst', '10.43.0.10', '--orig-port-dst', '53']]);
    assert.deepEqual(staleUdpFlows(routes(dns('NodePort'), []), routes(dns('NodePort'), ['10.42.0.5'])), [
      ['-D', '-p', 'udp', '--orig-dst', '10.43.0.10', '--orig-port-dst', '53'],
      ['-D', '-p', 'udp', '--orig-port-dst', '30053'],
    ]);
  });

  it('clears the flows DNATed to an endpoint that went, and nothing when nothing changed', () => {
    const two = routes(dns(), ['10.42.0.5', '10.42.0.6']);
    assert.deepEqual(staleUdpFlows(two, routes(dns(), ['10.42.0.6'])), [['-D', '-p', 'udp', '--orig-dst', '10.43.0.10', '--orig-port-dst', '53', '--dst-nat', '10.42.0.5']]);
    assert.deepEqual(staleUdpFlows(two, routes(dns(), ['10.42.0.5', '10.42.0.6'])), []);
  });
});
