// Cluster DNS and LoadBalancer services in a running `peapod server` with
// simulated nodes: a Service's name resolves to its ClusterIP, a headless
// Service's to its ready pods (from the EndpointSlices the controllers
// write), its named port through SRV; a LoadBalancer service shows the
// nodes' addresses as EXTERNAL-IP, as k3s's service load balancer does.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { startCluster, untilOutput } from '../cluster.js';
import { eventually } from '../helpers.js';
import { ask, data, rcode } from './ask.js';

/** A port free on loopback for TCP now (the DNS server takes UDP and TCP on it). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}



describe('cluster DNS in the server', () => {
  it('resolves services, headless services per ready pod and SRV from the informer caches', async (t) => {
    const port = await freePort();
    const c = await startCluster(t, ['--simulated-nodes', '2', '--dns-listen', `127.0.0.1:${port}`, '--dns-upstream', 'none']);
    await eventually(async () => (/cluster DNS for cluster\.local on 127\.0\.0\.1:\d+/.test(c.log()) ? true : undefined), 10_000, 'the DNS server to start');
    // The kube-dns service leads to the listener --dns-listen named.
    assert.equal(
      await c.ok(['get', 'svc,endpoints', '-n', 'kube-system', 'kube-dns', '-o', 'jsonpath={.items[0].spec.clusterIP} {.items[0].spec.ports[*].targetPort} {.items[1].subsets[0].addresses[0].ip}']),
      `10.43.0.10 ${port} ${port} 127.0.0.1`,
    );

    await c.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
    assert.equal(await c.ok(['expose', 'deployment', 'web', '--port=80', '--target-port=8080']), 'service/web exposed\n');
    const clusterIP = await c.ok(['get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}']);
    assert.match(clusterIP, /^10\.43\.\d+\.\d+$/);
    assert.deepEqual(data(await ask(port, 'web.default.svc.cluster.local', 'A')), [clusterIP]);

    await c.ok(['create', 'deployment', 'db', '--image=nginx', '--replicas=2']);
    await c.ok(['create', 'service', 'clusterip', 'db', '--clusterip=None', '--tcp=5432:5432']);
    const podIPs = async () => (await c.ok(['get', 'pods', '-l', 'app=db', '-o', 'jsonpath={.items[*].status.podIP}'])).split(' ').filter(Boolean).sort();
    await eventually(async () => ((await podIPs()).length === 2 ? true : undefined), 20_000, 'two db pods with addresses');
    const want = await podIPs();
    await eventually(
      async () => {
        const got = (data(await ask(port, 'db.default.svc.cluster.local', 'A')) as string[]).sort();
        return JSON.stringify(got) === JSON.stringify(want) ? true : undefined;
      },
      20_000,
      'the headless service to resolve to both pods',
    );
    const srv = data(await ask(port, '_5432-5432._tcp.db.default.svc.cluster.local', 'SRV')) as { port: number; target: string }[];
    assert.deepEqual(srv.map((r) => r.port), [5432, 5432]);
    assert.deepEqual(srv.map((r) => r.target).sort(), want.map((ip) => `${ip.replaceAll('.', '-')}.db.default.svc.cluster.local`).sort());

    await c.ok(['scale', 'deployment', 'db', '--replicas=1']);
    await eventually(async () => ((await ask(port, 'db.default.svc.cluster.local', 'A')).answers?.length === 1 ? true : undefined), 20_000, 'one pod left behind db');
    assert.equal(rcode(await ask(port, 'gone.default.svc.cluster.local', 'A')), 'NXDOMAIN');
  });

  it('gives LoadBalancer services the nodes\' addresses, as k3s\'s service load balancer does', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '2']);
    await c.ok(['create', 'deployment', 'web', '--image=nginx']);
    await c.ok(['expose', 'deployment', 'web', '--type=LoadBalancer', '--port=8080', '--target-port=80']);
    const nodeIPs = (await c.ok(['get', 'nodes', '-o', 'jsonpath={.items[*].status.addresses[?(@.type=="InternalIP")].address}'])).split(' ').sort();
    const row = await untilOutput(c, ['get', 'svc', 'web'], new RegExp(`LoadBalancer\\s+10\\.43\\.\\d+\\.\\d+\\s+${nodeIPs.join(',').replaceAll('.', '\\.')}\\s+8080:3\\d{4}/TCP`));
    assert.match(row, /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\n/);
    // A control plane alone serves no DNS, so publishes no kube-dns.
    assert.equal((await c.kubectl(['get', 'svc', '-n', 'kube-system'])).stderr, 'No resources found in kube-system namespace.\n');
  });
});
