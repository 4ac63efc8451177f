// The service proxy's rules as pure data: upstream's chain names (checked
// against kube-proxy's own test fixtures), the shape of the chains for
// ClusterIP, NodePort, LoadBalancer and external IPs, probabilities 1/n,
// externalTrafficPolicy Local, session affinity, REJECT for ports without endpoints, which services and
// endpoints get no rules, and the restore text (whole, or changes only).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EndpointSlice } from '../../src/apiserver/registry/discovery/endpointslices.js';
import { endpointChain, proxyRules, restoreText, serviceChain, type Service } from '../../src/proxy/rules.js';

const OPTIONS = { clusterCIDR: '10.42.0.0/16', nodeName: 'node-a' };

const service = (name: string, spec: Service['spec'], status?: Service['status']): Service => ({ metadata: { namespace: 'ns1', name }, spec, status });

const slice = (ips: string[], conditions: { ready?: boolean; serving?: boolean; terminating?: boolean } = {}, port = { name: 'p80', port: 8080 }): EndpointSlice => ({
  metadata: { namespace: 'ns1', name: 'x' },
  addressType: 'IPv4',
  ports: [{ ...port, protocol: 'TCP' }],
  endpoints: ips.map((ip) => ({ addresses: [ip], conditions })),
});

const rulesFor = (services: Service[], slices: Record<string, EndpointSlice[]>) => proxyRules(services, (svc) => slices[svc.metadata.name!] ?? [], OPTIONS);

const web = (extra: Partial<NonNullable<Service['spec']>> = {}) => service('svc1', { type: 'ClusterIP', clusterIP: '10.43.0.41', ports: [{ name: 'p80', port: 80, protocol: 'TCP' }], ...extra });

describe('service proxy rules', () => {
  it("names chains as upstream's kube-proxy does", () => {
    // From kube-proxy's proxier tests: ns1/svc1:p80 over tcp, endpoint 10.180.0.1:80.
    assert.equal(serviceChain('ns1/svc1:p80', 'tcp'), 'KUBE-SVC-XPGD46QRK7WJZT7O');
    assert.equal(endpointChain('ns1/svc1:p80', 'tcp', '10.180.0.1:80'), 'KUBE-SEP-SXIVWICOYRO3J4NJ');
  });

  it('sends a cluster IP to its endpoints with probabilities 1/n, 1/(n-1)…, masquerading traffic from outside the pod network and hairpins', () => {
    const { nat, filter } = rulesFor([web()], { svc1: [slice(['10.42.0.5', '10.42.0.6', '10.42.0.7'])] });
    const svc = serviceChain('ns1/svc1:p80', 'tcp');
    const sep = (ip: string) => endpointChain('ns1/svc1:p80', 'tcp', `${ip}:8080`);
    assert.deepEqual(nat.get('KUBE-SERVICES'), [
      `-d 10.43.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp --dport 80 -j ${svc}`,
      '-m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    ]);
    assert.deepEqual(nat.get(svc), [
      '! -s 10.42.0.0/16 -d 10.43.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
      `-m comment --comment "ns1/svc1:p80 -> 10.42.0.5:8080" -m statistic --mode random --probability 0.3333333333 -j ${sep('10.42.0.5')}`,
      `-m comment --comment "ns1/svc1:p80 -> 10.42.0.6:8080" -m statistic --mode random --probability 0.5000000000 -j ${sep('10.42.0.6')}`,
      `-m comment --comment "ns1/svc1:p80 -> 10.42.0.7:8080" -j ${sep('10.42.0.7')}`,
    ]);
    assert.deepEqual(nat.get(sep('10.42.0.6')), [
      '-s 10.42.0.6/32 -m comment --comment "ns1/svc1:p80" -j KUBE-MARK-MASQ',
      '-p tcp -m comment --comment "ns1/svc1:p80" -m tcp -j DNAT --to-destination 10.42.0.6:8080',
    ]);
    assert.deepEqual(nat.get('KUBE-MARK-MASQ'), ['-j MARK --or-mark 0x4000']);
    assert.deepEqual(nat.get('KUBE-POSTROUTING'), [
      '-m mark ! --mark 0x4000/0x4000 -j RETURN',
      '-j MARK --xor-mark 0x4000',
      '-m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    ]);
    assert.deepEqual(filter.get('KUBE-SERVICES'), []);
    assert.deepEqual(filter.get('KUBE-FIREWALL'), [
      '! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
    ]);
  });

  it('rejects a port without ready endpoints in filter, and gives it no nat rules', () => {
    const nodePort = service('svc2', { type: 'NodePort', clusterIP: '10.43.0.42', ports: [{ name: 'p80', port: 80, nodePort: 30080 }], externalIPs: ['192.168.99.22'] });
    const { nat, filter } = rulesFor([web(), nodePort], { svc1: [slice(['10.42.0.5'], { ready: false, serving: false })] });
    assert.deepEqual(filter.get('KUBE-SERVICES'), [
      '-d 10.43.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
      '-d 10.43.0.42/32 -p tcp -m comment --comment "ns1/svc2:p80 has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    ]);
    assert.deepEqual(filter.get('KUBE-EXTERNAL-SERVICES'), [
      '-d 192.168.99.22/32 -p tcp -m comment --comment "ns1/svc2:p80 has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
      '-p tcp -m comment --comment "ns1/svc2:p80 has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30080 -j REJECT --reject-with icmp-port-unreachable',
    ]);
    assert.deepEqual([...nat.keys()], ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-MARK-MASQ', 'KUBE-POSTROUTING']);
    assert.equal(nat.get('KUBE-SERVICES')!.length, 1);
  });

  it('enters NodePort, LoadBalancer and external IP traffic through KUBE-EXT, masqueraded', () => {
    const lb = service(
      'lb',
      { type: 'LoadBalancer', clusterIP: '10.43.0.50', ports: [{ name: 'http', port: 80, nodePort: 31000, protocol: 'UDP' }], externalIPs: ['192.168.99.22'] },
      { loadBalancer: { ingress: [{ ip: '10.99.0.2' }] } },
    );
    const { nat } = rulesFor([lb], { lb: [slice(['10.42.0.9'], {}, { name: 'http', port: 8080 })].map((s) => ({ ...s, ports: [{ name: 'http', port: 8080, protocol: 'UDP' }] })) });
    const svc = serviceChain('ns1/lb:http', 'udp');
    const ext = `KUBE-EXT-${svc.slice('KUBE-SVC-'.length)}`;
    assert.deepEqual(nat.get('KUBE-SERVICES')!.slice(0, 3), [
      `-d 10.43.0.50/32 -p udp -m comment --comment "ns1/lb:http cluster IP" -m udp --dport 80 -j ${svc}`,
      `-d 192.168.99.22/32 -p udp -m comment --comment "ns1/lb:http external IP" -m udp --dport 80 -j ${ext}`,
      `-d 10.99.0.2/32 -p udp -m comment --comment "ns1/lb:http loadbalancer IP" -m udp --dport 80 -j ${ext}`,
    ]);
    assert.deepEqual(nat.get('KUBE-NODEPORTS'), [`-p udp -m comment --comment "ns1/lb:http" -m udp --dport 31000 -j ${ext}`]);
    assert.deepEqual(nat.get(ext), ['-m comment --comment "masquerade traffic for ns1/lb:http external destinations" -j KUBE-MARK-MASQ', `-j ${svc}`]);
  });

  it("sends outside traffic of an externalTrafficPolicy Local service to this node's endpoints only, unmasqueraded", () => {
    const local = service('local', { type: 'NodePort', clusterIP: '10.43.0.60', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, nodePort: 31500 }] });
    const onNodes = (nodes: string[]): EndpointSlice => ({ ...slice(nodes.map((_, i) => `10.42.0.${i + 10}`), {}, { name: 'http', port: 8080 }), endpoints: nodes.map((nodeName, i) => ({ addresses: [`10.42.0.${i + 10}`], nodeName })) });
    const svc = serviceChain('ns1/local:http', 'tcp');
    const hash = svc.slice('KUBE-SVC-'.length);
    const { nat } = rulesFor([local], { local: [onNodes(['node-a', 'node-b'])] });
    assert.deepEqual(nat.get(`KUBE-EXT-${hash}`), [
      `-s 10.42.0.0/16 -m comment --comment "pod traffic for ns1/local:http external destinations" -j ${svc}`,
      '-m comment --comment "masquerade LOCAL traffic for ns1/local:http external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ',
      `-m comment --comment "route LOCAL traffic for ns1/local:http external destinations" -m addrtype --src-type LOCAL -j ${svc}`,
      `-j KUBE-SVL-${hash}`,
    ]);
    assert.deepEqual(nat.get(`KUBE-SVL-${hash}`), [`-m comment --comment "ns1/local:http -> 10.42.0.10:8080" -j ${endpointChain('ns1/local:http', 'tcp', '10.42.0.10:8080')}`]);
    assert.equal(nat.get(svc)!.length, 3);

    const { nat: remoteOnly, filter } = rulesFor([local], { local: [onNodes(['node-b'])] });
    assert.equal(remoteOnly.get(`KUBE-SVL-${hash}`), undefined);
    assert.equal(remoteOnly.get(`KUBE-EXT-${hash}`)!.length, 3);
    assert.deepEqual(filter.get('KUBE-EXTERNAL-SERVICES'), [
      '-p tcp -m comment --comment "ns1/local:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 31500 -j DROP',
    ]);
  });

  it('keeps a client on its endpoint with ClientIP affinity', () => {
    const { nat } = rulesFor([web({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } })], { svc1: [slice(['10.42.0.5', '10.42.0.6'])] });
    const svc = serviceChain('ns1/svc1:p80', 'tcp');
    const sep5 = endpointChain('ns1/svc1:p80', 'tcp', '10.42.0.5:8080');
    const sep6 = endpointChain('ns1/svc1:p80', 'tcp', '10.42.0.6:8080');
    assert.deepEqual(nat.get(svc)!.slice(1), [
      `-m comment --comment "ns1/svc1:p80 -> 10.42.0.5:8080" -m recent --rcheck --seconds 60 --reap --name ${sep5} --mask 255.255.255.255 --rsource -j ${sep5}`,
      `-m comment --comment "ns1/svc1:p80 -> 10.42.0.6:8080" -m recent --rcheck --seconds 60 --reap --name ${sep6} --mask 255.255.255.255 --rsource -j ${sep6}`,
      `-m comment --comment "ns1/svc1:p80 -> 10.42.0.5:8080" -m statistic --mode random --probability 0.5000000000 -j ${sep5}`,
      `-m comment --comment "ns1/svc1:p80 -> 10.42.0.6:8080" -j ${sep6}`,
    ]);
    assert.equal(
      nat.get(sep5)![1],
      `-p tcp -m comment --comment "ns1/svc1:p80" -m recent --set --name ${sep5} --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.42.0.5:8080`,
    );
    const { nat: byDefault } = rulesFor([web({ sessionAffinity: 'ClientIP' })], { svc1: [slice(['10.42.0.5'])] });
    assert.match(byDefault.get(svc)![1]!, /--seconds 10800 /);
  });

  it('skips ExternalName and headless services, not-ready endpoints and other ports; falls back to terminating ones still serving', () => {
    const external = service('ext', { type: 'ExternalName', ports: [{ port: 80 }] });
    const headless = service('headless', { type: 'ClusterIP', clusterIP: 'None', ports: [{ name: 'p80', port: 80 }] });
    const rules = rulesFor([external, headless, web()], {
      headless: [slice(['10.42.0.5'])],
      svc1: [slice(['10.42.0.5']), slice(['10.42.0.6'], { ready: false }), slice(['10.42.0.7'], { ready: false, serving: true, terminating: true }), slice(['10.42.0.8'], {}, { name: 'other', port: 9090 })],
    });
    const endpointsOf = (r: typeof rules) => [...r.nat.keys()].filter((c) => c.startsWith('KUBE-SEP-'));
    assert.deepEqual(endpointsOf(rules), [endpointChain('ns1/svc1:p80', 'tcp', '10.42.0.5:8080')]);
    assert.doesNotMatch(rules.nat.get('KUBE-SERVICES')!.join('\n'), /ext|headless/);
    // With no ready endpoint, one still serving while it terminates takes the traffic (upstream's fallback).
    const fallback = rulesFor([web()], { svc1: [slice(['10.42.0.6'], { ready: false }), slice(['10.42.0.7'], { ready: false, serving: true, terminating: true })] });
    assert.deepEqual(endpointsOf(fallback), [endpointChain('ns1/svc1:p80', 'tcp', '10.42.0.7:8080')]);
  });

  it('writes everything at first, then only the chains that changed, deleting those gone', () => {
    const before = rulesFor([web()], { svc1: [slice(['10.42.0.5'])] });
    const full = restoreText(before);
    assert.match(full, /^\*filter\n:KUBE-SERVICES - \[0:0\]\n/);
    assert.match(full, /\nCOMMIT\n\*nat\n/);
    assert.match(full, /\n-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000\n/);
    assert.equal(restoreText(before, before), '');

    const after = rulesFor([web()], { svc1: [slice(['10.42.0.6'])] });
    const svc = serviceChain('ns1/svc1:p80', 'tcp');
    const old = endpointChain('ns1/svc1:p80', 'tcp', '10.42.0.5:8080');
    const now = endpointChain('ns1/svc1:p80', 'tcp', '10.42.0.6:8080');
    assert.deepEqual(restoreText(after, before).split('\n'), [
      '*nat',
      `:${svc} - [0:0]`,
      `:${now} - [0:0]`,
      `:${old} - [0:0]`,
      ...after.nat.get(svc)!.map((r) => `-A ${svc} ${r}`),
      ...after.nat.get(now)!.map((r) => `-A ${now} ${r}`),
      `-X ${old}`,
      'COMMIT',
      '',
    ]);
  });
});
