// Pods' DNS: the pure rule (each dnsPolicy, host network, the pod's own
// dnsConfig merged on, upstream's limits and warnings), and on a real node
// the resolv.conf containers see, the kube-dns service and its endpoints,
// and the DNS listener answering from inside a pod.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Pod, PodSpec } from '../../src/apiserver/registry/core/types.js';
import { defaultResolvConf, parseResolvConf, podDnsConfig, type ClusterDnsSettings, type DnsConfig } from '../../src/kubelet/pod-dns.js';
import { tempDir } from '../helpers.js';
import { NODE_IP } from '../netns.js';
import { podField, startNodeCluster } from '../node-cluster.js';

const HOST: DnsConfig = { servers: ['192.168.1.1', '192.168.1.2'], searches: ['corp.example'], options: ['timeout:2', 'ndots:1'] };
const SETTINGS: ClusterDnsSettings = { clusterDNS: ['10.43.0.10'], clusterDomain: 'cluster.local', resolvConf: '/etc/resolv.conf' };
const pod = (spec: Partial<PodSpec>): Pod => ({ metadata: { name: 'p', namespace: 'shop', uid: 'u-1' }, spec: { containers: [], ...spec } });
const dns = (spec: Partial<PodSpec>, settings = SETTINGS) => podDnsConfig(pod(spec), settings, HOST);

describe('pod DNS config', () => {
  it('reads resolv.conf as upstream does: nameservers add up, the last search line wins, options merge by name', () => {
    const text = '# comment\nnameserver 1.1.1.1\nsearch old.example\nsearch a.example. . b.example\noptions rotate ndots:1\nnameserver 8.8.8.8\noptions ndots:2 timeout:1\n';
    assert.deepEqual(parseResolvConf(text), { servers: ['1.1.1.1', '8.8.8.8'], searches: ['a.example', 'b.example'], options: ['rotate', 'ndots:2', 'timeout:1'] });
  });

  it("defaults --resolv-conf to systemd-resolved's upstream list where /etc/resolv.conf names only loopback, as k3s does", (t) => {
    const dir = tempDir(t, 'peapod-resolv-');
    const [etc, resolved] = [path.join(dir, 'etc.conf'), path.join(dir, 'resolved.conf')];
    fs.writeFileSync(etc, 'nameserver 127.0.0.53\nsearch lan\n');
    assert.equal(defaultResolvConf(etc, resolved), etc, 'nothing better to use');
    fs.writeFileSync(resolved, 'nameserver 192.0.2.53\n');
    assert.equal(defaultResolvConf(etc, resolved), resolved);
    fs.writeFileSync(etc, 'nameserver 192.0.2.1\n');
    assert.equal(defaultResolvConf(etc, resolved), etc);
  });

  it('gives ClusterFirst pods the cluster DNS, the cluster search list before the node\'s, and ndots:5', () => {
    const expected = { servers: ['10.43.0.10'], searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'corp.example'], options: ['ndots:5'] };
    assert.deepEqual(dns({}), { config: expected, warnings: [] });
    assert.deepEqual(dns({ dnsPolicy: 'ClusterFirst' }).config, expected);
    // ClusterFirstWithHostNet is the cluster's DNS on the host network too.
    assert.deepEqual(dns({ dnsPolicy: 'ClusterFirstWithHostNet', hostNetwork: true }).config, expected);
    assert.deepEqual(dns({ dnsPolicy: 'ClusterFirstWithHostNet' }).config, expected);
  });

  it('gives Default pods, and ClusterFirst pods on the host network, the node\'s resolver', () => {
    assert.deepEqual(dns({ dnsPolicy: 'Default' }), { config: HOST, warnings: [] });
    assert.deepEqual(dns({ dnsPolicy: 'ClusterFirst', hostNetwork: true }).config, HOST);
    // Without a resolver file, a local one and no search (upstream's way of turning lookups off).
    assert.deepEqual(dns({ dnsPolicy: 'Default' }, { ...SETTINGS, resolvConf: '' }).config, { servers: ['127.0.0.1'], searches: ['.'], options: [] });
  });

  it('gives None pods only their dnsConfig, and merges dnsConfig onto every other policy', () => {
    const dnsConfig = { nameservers: ['1.2.3.4', '10.43.0.10'], searches: ['ns1.svc.cluster.local', 'my.dns.search.suffix'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] };
    assert.deepEqual(dns({ dnsPolicy: 'None', dnsConfig }).config, {
      servers: ['1.2.3.4', '10.43.0.10'],
      searches: ['ns1.svc.cluster.local', 'my.dns.search.suffix'],
      options: ['ndots:2', 'edns0'],
    });
    assert.deepEqual(dns({ dnsConfig }).config, {
      servers: ['10.43.0.10', '1.2.3.4'],
      searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'corp.example', 'ns1.svc.cluster.local', 'my.dns.search.suffix'],
      options: ['ndots:2', 'edns0'],
    });
    assert.deepEqual(dns({ dnsPolicy: 'Default', dnsConfig: { options: [{ name: 'timeout', value: '5' }] } }).config.options, ['timeout:5', 'ndots:1']);
  });

  it('keeps three nameservers and the search list within 32 domains and 2048 characters, with upstream\'s warnings', () => {
    const many = dns({ dnsPolicy: 'Default', dnsConfig: { nameservers: ['1.1.1.1', '8.8.8.8'] } });
    assert.deepEqual(many.config.servers, ['192.168.1.1', '192.168.1.2', '1.1.1.1']);
    assert.deepEqual(many.warnings, [
      { reason: 'DNSConfigForming', message: 'Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: 192.168.1.1 192.168.1.2 1.1.1.1' },
    ]);
    const searches = Array.from({ length: 40 }, (_, i) => `d${i}.example`);
    const long = dns({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches } });
    assert.deepEqual(long.config.searches, searches.slice(0, 32));
    assert.deepEqual(long.warnings, [
      { reason: 'DNSConfigForming', message: `Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${searches.slice(0, 32).join(' ')}` },
    ]);
    const wide = Array.from({ length: 10 }, (_, i) => `${String(i).repeat(250)}.x`);
    const cut = dns({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: [...wide, 'y'.repeat(254)] } }).config.searches;
    // Over 253 characters goes; then from the end until the line fits.
    assert.deepEqual(cut, wide.slice(0, 8));
  });

  it('falls back to Default without a cluster DNS address, saying so as upstream does', () => {
    const fallback = dns({}, { ...SETTINGS, clusterDNS: [] });
    assert.deepEqual(fallback.config, HOST);
    assert.deepEqual(fallback.warnings, [
      {
        reason: 'MissingClusterDNS',
        message: 'pod: "p_shop(u-1)". kubelet does not have ClusterDNS IP configured and cannot create Pod using "ClusterFirst" policy. Falling back to "Default" policy.',
      },
    ]);
  });
});

describe('pod DNS on a real node', () => {
  it('writes each policy\'s resolv.conf, publishes kube-dns, and answers from the node address', async (t) => {
    const resolvConf = path.join(tempDir(t), 'resolv.conf');
    fs.writeFileSync(resolvConf, 'nameserver 10.99.0.53\nsearch node.example\noptions timeout:3\n');
    const c = await startNodeCluster(t, ['--resolv-conf', resolvConf, '--dns-upstream', 'none']);
    const manifest = (name: string, spec: Partial<PodSpec>) =>
      JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }], ...spec } });
    const pods: Record<string, Partial<PodSpec>> = {
      cluster: {},
      host: { dnsPolicy: 'Default' },
      none: { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.2.3.4'], searches: ['my.dns.search.suffix'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } },
      hostnet: { dnsPolicy: 'ClusterFirstWithHostNet', hostNetwork: true },
    };
    for (const [name, spec] of Object.entries(pods)) await c.ok(['apply', '-f', '-'], { input: manifest(name, spec) });
    for (const name of Object.keys(pods)) await podField(c, name, '{.status.phase}', 'Running', 60_000);
    const resolv = (name: string) => c.ok(['exec', name, '--', 'cat', '/etc/resolv.conf']);
    assert.equal(await resolv('cluster'), 'search default.svc.cluster.local svc.cluster.local cluster.local node.example\nnameserver 10.43.0.10\noptions ndots:5\n');
    assert.equal(await resolv('host'), 'search node.example\nnameserver 10.99.0.53\noptions timeout:3\n');
    assert.equal(await resolv('none'), 'search my.dns.search.suffix\nnameserver 1.2.3.4\noptions ndots:2 edns0\n');
    assert.equal(await resolv('hostnet'), 'search default.svc.cluster.local svc.cluster.local cluster.local node.example\nnameserver 10.43.0.10\noptions ndots:5\n');

    assert.match(await c.ok(['get', 'svc', '-n', 'kube-system', 'kube-dns']), /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nkube-dns\s+ClusterIP\s+10\.43\.0\.10\s+<none>\s+53\/UDP,53\/TCP\s+\d+s\n$/);
    assert.match(await c.ok(['get', 'endpoints', '-n', 'kube-system', 'kube-dns']), new RegExp(`^NAME\\s+ENDPOINTS\\s+AGE\\nkube-dns\\s+${NODE_IP.replaceAll('.', '\\.')}:53,${NODE_IP.replaceAll('.', '\\.')}:53\\s+\\d+s\\n$`));
    assert.equal(
      await c.ok(['get', 'endpointslices', '-n', 'kube-system', '-l', 'kubernetes.io/service-name=kube-dns', '-o', 'jsonpath={.items[*].endpoints[*].addresses[0]} {.items[*].ports[*].name}']),
      `${NODE_IP} dns dns-tcp`,
    );
    // The pod reaches the node's address through its bridge's gateway; the listener answers for the cluster's names.
    const lookup = async (name: string) => (await c.ok(['exec', 'cluster', '--', 'nslookup', name, NODE_IP])).replace(/^Server:[^]*?\n\n/, '').trim();
    assert.equal(await lookup('kubernetes.default.svc.cluster.local'), 'Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.43.0.1');
    assert.equal(await lookup('kube-dns.kube-system.svc.cluster.local'), 'Name:\tkube-dns.kube-system.svc.cluster.local\nAddress: 10.43.0.10');

    // A restart keeps the service (same object, same address) and its endpoints.
    const identity = () => c.ok(['get', 'svc', '-n', 'kube-system', 'kube-dns', '-o', 'jsonpath={.metadata.uid} {.spec.clusterIP}']);
    const before = await identity();
    await c.restart();
    assert.equal(await identity(), before);
    assert.equal(await c.ok(['get', 'endpoints', '-n', 'kube-system', 'kube-dns', '-o', 'jsonpath={.subsets[0].addresses[0].ip}:{.subsets[0].ports[*].port}']), `${NODE_IP}:53 53`);
  });
});
