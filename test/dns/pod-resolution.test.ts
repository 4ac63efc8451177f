// Cluster DNS as a pod sees it, on a real node: busybox's nslookup and wget
// inside a pod, through the pod's resolv.conf (search domains, ndots:5),
// the service proxy's DNAT of 10.43.0.10 to the server's listener, and the
// records the server answers from its informer caches: a Service's
// ClusterIP, a headless Service's ready pods and their SRV records, pod A
// records, and a Service reached by name (the seed's `kubectl run
// nginx-test --image=nginx:1.22 -it --rm -- sh` and `curl nginx-service:80`). busybox's nslookup tries the search domains
// only for names without a dot, so dotted names are asked in full.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KUBECTL, untilOutput } from '../cluster.js';
import { eventually } from '../helpers.js';
import { onTty, podField, startNodeCluster, type NodeCluster } from '../node-cluster.js';

const escape = (ip: string) => ip.replaceAll('.', '\\.');
const inClient = (c: NodeCluster, command: string) => c.kubectl(['exec', 'client', '--', 'sh', '-c', command]);

/** Runs `command` in the client pod until its output matches (records follow the caches a moment after a change). */
async function untilInClient(c: NodeCluster, command: string, pattern: RegExp, ms = 30_000): Promise<string> {
  let last = '';
  return eventually(
    async () => {
      const r = await inClient(c, command);
      last = r.stdout + r.stderr;
      return pattern.test(r.stdout) ? r.stdout : undefined;
    },
    ms,
    () => `\`${command}\` in the client pod to print ${pattern} (last: ${last})`,
  );
}

describe('cluster DNS from inside a pod', () => {
  it('resolves services, headless services, SRV and pod names, and reaches a service by name', async (t) => {
    const c = await startNodeCluster(t);
    await c.ok(['run', 'client', '--image=busybox', '--', 'sleep', '3600']);
    await c.ok(['create', 'deployment', 'nginx-deployment', '--image=nginx']);
    await c.ok(['expose', 'deployment/nginx-deployment', '--name=nginx-service', '--type=ClusterIP', '--port=80', '--target-port=80']);
    await c.ok(['create', 'deployment', 'db', '--image=busybox', '--replicas=2', '--', 'sleep', '3600']);
    await c.ok(['create', 'service', 'clusterip', 'db', '--clusterip=None', '--tcp=5432:5432']);
    await podField(c, 'client', '{.status.phase}', 'Running', 60_000);

    const clusterIP = await c.ok(['get', 'svc', 'nginx-service', '-o', 'jsonpath={.spec.clusterIP}']);
    const byName = await untilInClient(c, 'nslookup nginx-service', /Name:\s+nginx-service\.default\.svc\.cluster\.local\nAddress: /);
    assert.match(byName, /^Server:\s+10\.43\.0\.10\nAddress:\s+10\.43\.0\.10:53\n/);
    assert.match(byName, new RegExp(`Address: ${escape(clusterIP)}\\n`));
    assert.match(await untilInClient(c, 'nslookup kubernetes.default.svc.cluster.local', /Name:\s+kubernetes\.default\.svc\.cluster\.local/), /Address: 10\.43\.0\.1\n/);

    // The seed, verbatim: a shell in a throwaway nginx:1.22 pod, and curl to the service by its name.
    await untilOutput(c, ['get', 'endpoints', 'nginx-service'], /^nginx-service\s+10\.42\.0\.\d+:80\s/m, 60_000);
    const screen = await onTty(c, `${KUBECTL} --kubeconfig ${c.kubeconfig} run nginx-test --image=nginx:1.22 -it --rm -- sh`, 'curl nginx-service:80\nexit\n');
    assert.match(screen, /<title>Welcome to nginx!<\/title>/);
    assert.match(screen, /pod "nginx-test" deleted/);

    const podIPs = async () => (await c.ok(['get', 'pods', '-l', 'app=db', '--field-selector=status.phase=Running', '-o', 'jsonpath={.items[*].status.podIP}'])).split(' ').filter(Boolean).sort();
    await eventually(async () => ((await podIPs()).length === 2 ? true : undefined), 60_000, 'two running db pods');
    const [first, second] = await podIPs();
    const headless = await untilInClient(c, 'nslookup db', new RegExp(`(?=[\\s\\S]*Address: ${escape(first!)}\\n)(?=[\\s\\S]*Address: ${escape(second!)}\\n)`));
    assert.deepEqual([...headless.matchAll(/^Address: (10\.42\.\S+)$/gm)].map((m) => m[1]).sort(), [first, second]);
    const srv = await untilInClient(c, 'nslookup -type=SRV _5432-5432._tcp.db.default.svc.cluster.local', /service = /);
    assert.deepEqual(
      [...srv.matchAll(/service = \d+ \d+ (\d+) (\S+)/g)].map((m) => `${m[1]} ${m[2]}`).sort(),
      [first, second].map((ip) => `5432 ${ip!.replaceAll('.', '-')}.db.default.svc.cluster.local`).sort(),
    );
    const podName = `${first!.replaceAll('.', '-')}.default.pod.cluster.local`;
    assert.match(await untilInClient(c, `nslookup ${podName}`, /Name:/), new RegExp(`Address: ${escape(first!)}\\n`));

    // A name the cluster does not have is answered (NXDOMAIN), not left to time out.
    const missing = await inClient(c, 'nslookup no-such-service.default.svc.cluster.local');
    assert.match(missing.stdout + missing.stderr, /can't find no-such-service\.default\.svc\.cluster\.local: NXDOMAIN/);
    await untilOutput(c, ['get', 'endpoints', 'db'], /^db\s+10\.42\.0\.\d+:5432,10\.42\.0\.\d+:5432\s/m);
  });
});
