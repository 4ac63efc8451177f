// A DaemonSet and a StatefulSet on a node running real containers: pods
// started by containerd and ready, and updates that wait for real graceful
// termination (a StatefulSet pod's name is free again only once its old
// self is gone).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually } from '../helpers.js';
import { startNodeCluster, type NodeCluster } from '../node-cluster.js';

const workload = (kind: 'DaemonSet' | 'StatefulSet', name: string, spec = '') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
spec:
${spec}  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: main
        image: busybox
        command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.2; done']
`;

/** Pod name → value of env X in its container, for the pods of app=APP that are Running and ready. */
async function readyPods(c: NodeCluster, app: string): Promise<Record<string, string>> {
  const list = JSON.parse(await c.ok(['get', 'pods', '-l', `app=${app}`, '-o', 'json'])) as {
    items: { metadata: { name: string; deletionTimestamp?: string }; spec: { containers: { env?: { name: string; value: string }[] }[] }; status: { phase?: string; conditions?: { type: string; status: string }[] } }[];
  };
  return Object.fromEntries(
    list.items
      .filter((p) => !p.metadata.deletionTimestamp && p.status.phase === 'Running' && p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'))
      .map((p) => [p.metadata.name, p.spec.containers[0]!.env?.find((e) => e.name === 'X')?.value ?? '']),
  );
}

async function waitFor(c: NodeCluster, app: string, want: Record<string, string> | ((pods: Record<string, string>) => boolean)): Promise<Record<string, string>> {
  let last = {};
  return eventually(
    async () => {
      last = await readyPods(c, app);
      const ok = typeof want === 'function' ? want(last) : JSON.stringify(last) === JSON.stringify(want);
      return ok ? last : undefined;
    },
    60_000,
    `pods of ${app} to be ${typeof want === 'function' ? 'as wanted' : JSON.stringify(want)} (last: ${JSON.stringify(last)})`,
  );
}

describe('DaemonSet and StatefulSet on a real node', () => {
  it('run real pods and roll them to a new template', async (t) => {
    const c = await startNodeCluster(t);
    await c.ok(['apply', '-f', '-'], { input: workload('DaemonSet', 'agent') });
    await c.ok(['apply', '-f', '-'], { input: workload('StatefulSet', 'db', '  replicas: 2\n  serviceName: db\n') });
    await waitFor(c, 'agent', (pods) => Object.keys(pods).length === 1);
    await waitFor(c, 'db', { 'db-0': '', 'db-1': '' });
    assert.match(await c.ok(['get', 'ds', 'agent', '--no-headers']), /^agent\s+1\s+1\s+1\s+1\s+1\s+<none>\s+/);
    assert.match(await c.ok(['get', 'sts', 'db', '--no-headers']), /^db\s+2\/2\s+/);

    await c.ok(['set', 'env', 'ds/agent', 'X=2']);
    await c.ok(['set', 'env', 'sts/db', 'X=2']);
    assert.equal((await c.ok(['rollout', 'status', 'ds/agent', '--timeout=60s'])).split('\n').filter(Boolean).pop(), 'daemon set "agent" successfully rolled out');
    assert.equal((await c.ok(['rollout', 'status', 'sts/db', '--timeout=60s'])).split('\n').filter(Boolean).pop(), 'partitioned roll out complete: 2 new pods have been updated...');
    await waitFor(c, 'agent', (pods) => Object.keys(pods).length === 1 && Object.values(pods)[0] === '2');
    await waitFor(c, 'db', { 'db-0': '2', 'db-1': '2' });
  });
});
