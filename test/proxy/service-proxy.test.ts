// The service proxy on a real node, with the tutorial's commands verbatim:
// a Deployment `nginx-deployment`, then `kubectl expose` as a ClusterIP and
// as a NodePort service. The cluster IP answers from the node and from
// inside a pod, the node port on the node's address and on localhost — also
// for a machine outside the cluster, which cluster DNS refuses —, a
// LoadBalancer service on the node's address (its EXTERNAL-IP), a service
// without endpoints is refused at once (not left to time out), and once
// the server stops no KUBE- chain is left in the node's netns, and the
// sysctl it turned on is off again.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { eventually } from '../helpers.js';
import { createOutsideClient, NODE_IP, OUTSIDE_CLIENT_IP, removeNetns } from '../netns.js';
import { podField, startNodeCluster } from '../node-cluster.js';
import { clusterIP, curl } from './requests.js';

describe('service proxy', () => {
  it("routes the tutorial's ClusterIP and NodePort services to nginx, refuses a service without endpoints, and leaves no rules behind", async (t) => {
    const c = await startNodeCluster(t);
    // The seed's manifest names its Deployment nginx-test; the tutorial's commands expose `nginx-deployment`.
    await c.ok(['create', 'deployment', 'nginx-deployment', '--image=nginx', '--replicas=2']);
    assert.equal(await c.ok(['expose', 'deployment/nginx-deployment', '--name=nginx-service', '--type=ClusterIP', '--port=80', '--target-port=80']), 'service/nginx-service exposed\n');
    assert.equal(await c.ok(['expose', 'deployment/nginx-deployment', '--name=nginx-service2', '--type=NodePort', '--port=8080', '--target-port=80']), 'service/nginx-service2 exposed\n');
    const ip = await clusterIP(c, 'nginx-service');
    const nodePort = await c.ok(['get', 'service', 'nginx-service2', '-o', 'jsonpath={.spec.ports[0].nodePort}']);

    const answered = (url: string) =>
      eventually(
        async () => {
          const r = await curl(c, url);
          return r.code === 0 && /Welcome to nginx!/.test(r.body) ? r : undefined;
        },
        120_000,
        `${url} to answer with nginx's page`,
      );
    await answered(`http://${ip}:80/`);
    await answered(`http://${NODE_IP}:${nodePort}/`);
    await answered(`http://127.0.0.1:${nodePort}/`);
    // From a machine outside the cluster (through the node's PREROUTING, masqueraded towards the pod); cluster DNS refuses it.
    const outside = createOutsideClient(c.netns, `${c.netns}-out`);
    t.after(() => removeNetns(outside.name));
    const [curlOutside, ...curlArgs] = outside.command(['curl', '-sS', '--max-time', '5', `http://${NODE_IP}:${nodePort}/`]);
    assert.match(execFileSync(curlOutside!, curlArgs, { encoding: 'utf8' }), /Welcome to nginx!/);
    const [lookup, ...lookupArgs] = outside.command(['busybox', 'nslookup', 'kubernetes.default.svc.cluster.local', NODE_IP]);
    const dnsFromOutside = spawnSync(lookup!, lookupArgs, { encoding: 'utf8', timeout: 20_000 });
    assert.match(dnsFromOutside.stdout, /REFUSED/, `${dnsFromOutside.stdout}${dnsFromOutside.stderr} (from ${OUTSIDE_CLIENT_IP})`);
    const ip2 = await clusterIP(c, 'nginx-service2');
    await answered(`http://${ip2}:8080/`);
    // A LoadBalancer service: the node's address is its EXTERNAL-IP (k3s's service load balancer) and answers on the service port.
    await c.ok(['expose', 'deployment/nginx-deployment', '--name=nginx-lb', '--type=LoadBalancer', '--port=8081', '--target-port=80']);
    await eventually(async () => ((await c.ok(['get', 'service', 'nginx-lb', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}'])) === NODE_IP ? true : undefined), 20_000, 'the node address as the load balancer ingress');
    await answered(`http://${NODE_IP}:8081/`);

    await c.ok(['run', 'client', '--image=busybox', '--', 'sleep', '3600']);
    await podField(c, 'client', '{.status.phase}', 'Running', 60_000);
    // (No -T: this busybox's wget crashes with it; kubectl's own timeout bounds the call.)
    assert.match(await c.ok(['exec', 'client', '--', 'wget', '-qO-', `http://${ip}`]), /Welcome to nginx!/);
    assert.match(await c.ok(['exec', 'client', '--', 'wget', '-qO-', `http://${NODE_IP}:${nodePort}`]), /Welcome to nginx!/);

    await c.ok(['create', 'service', 'clusterip', 'nobody-home', '--tcp=80:80']);
    const emptyIP = await clusterIP(c, 'nobody-home');
    // Until the REJECT rule is in, the packet wanders off towards the default route and times out.
    const refused = await eventually(
      async () => {
        const r = await curl(c, `http://${emptyIP}/`, 2);
        return r.code === 7 ? r : undefined;
      },
      20_000,
      'a service without endpoints to be refused',
    );
    // ECONNREFUSED (exit 7, not 28: no timeout), which curl 7.88 words "Couldn't connect to server".
    assert.match(refused.error, /Connection refused|Couldn't connect to server/);
    assert.match(c.inNetns(['iptables-nft-save', '-t', 'filter']), /"default\/nobody-home:80-80 has no endpoints"/);

    await c.stop();
    const left = c.inNetns(['iptables-nft-save']);
    assert.doesNotMatch(left, /KUBE-/, left);
    // route_localnet (for node ports on 127.0.0.1) is off again, as the netns came: without KUBE-FIREWALL it would expose loopback.
    assert.equal(c.inNetns(['cat', '/proc/sys/net/ipv4/conf/all/route_localnet']).trim(), '0');
  });
});
