// The scheduler through the real kubectl, against a server playing three
// simulated nodes: each filter's refusal in upstream's words, the scores
// that choose between nodes that fit, and retries when the cluster changes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { apiClient } from '../api-client.js';
import { startCluster, type TestCluster } from '../cluster.js';
import { eventually } from '../helpers.js';
import { podManifest } from '../manifests.js';

const SEEDS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'fixtures', 'seeds');

const pod = podManifest;

const cpuRequest = (cpu: string) => `    resources:\n      requests:\n        cpu: "${cpu}"\n`;

async function nodeOf(c: TestCluster, name: string): Promise<string> {
  return eventually(
    async () => (await c.ok(['get', 'pod', name, '-o', 'jsonpath={.spec.nodeName}'])) || undefined,
    20_000,
    `pod ${name} to be scheduled`,
  );
}

/** The FailedScheduling message once it reads `expected`. */
async function failedScheduling(c: TestCluster, name: string, expected: string): Promise<void> {
  let last = '';
  await eventually(
    async () => {
      last = await c.ok(['get', 'pod', name, '-o', 'jsonpath={.status.conditions[?(@.type=="PodScheduled")].message}']);
      return last === expected ? true : undefined;
    },
    20_000,
    `pod ${name} to be unschedulable with "${expected}" (last: "${last}")`,
  );
}

describe('scheduling onto simulated nodes', () => {
  it("places the tutorial's nodeSelector pod once a node has the label", async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '3']);
    await c.ok(['create', '-f', path.join(SEEDS, 'kubia-gpu.yaml')]);
    const message =
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    await failedScheduling(c, 'kubia-gpu', message);
    assert.equal(await c.ok(['get', 'pod', 'kubia-gpu', '-o', 'jsonpath={.status.conditions[?(@.type=="PodScheduled")].reason}']), 'Unschedulable');
    assert.match(await c.ok(['get', 'pods']), /^kubia-gpu\s+0\/1\s+Pending\s+0\s+\d+s$/m);
    const described = await c.ok(['describe', 'pod', 'kubia-gpu']);
    assert.ok(described.includes(`Warning  FailedScheduling`) && described.includes(`default-scheduler  ${message}`), described);

    assert.equal((await c.ok(['label', 'node', 'sim-2', 'gpu=true'])).trim(), 'node/sim-2 labeled');
    assert.equal(await nodeOf(c, 'kubia-gpu'), 'sim-2');
    await eventually(async () => (/^kubia-gpu\s+1\/1\s+Running\s+0\s+\S+\s+10\.128\.2\.\d+\s+sim-2\s/m.test(await c.ok(['get', 'pods', '-o', 'wide'])) ? true : undefined), 20_000, 'kubia-gpu Running on sim-2');
    assert.match(await c.ok(['describe', 'pod', 'kubia-gpu']), /Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\/kubia-gpu to sim-2/);
  });

  it('counts each node under the first filter that refuses it, and tries again when pods leave', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '3', '--simulated-node-capacity', 'cpu=2,memory=4Gi,pods=3']);
    await c.ok(['label', 'node', 'sim-0', 'sim-1', 'zone=a']);
    await c.ok(['create', '-f', '-'], { input: pod('big', '  nodeSelector:\n    zone: a\n', cpuRequest('3')) });
    await failedScheduling(
      c,
      'big',
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    );
    // Three pods a node: the tenth finds no room anywhere.
    for (let i = 0; i < 9; i++) await c.ok(['create', '-f', '-'], { input: pod(`p${i}`) });
    for (let i = 0; i < 9; i++) await nodeOf(c, `p${i}`);
    await c.ok(['create', '-f', '-'], { input: pod('tenth') });
    await failedScheduling(c, 'tenth', '0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
    const freed = await nodeOf(c, 'p4');
    await c.ok(['delete', 'pod', 'p4']);
    assert.equal(await nodeOf(c, 'tenth'), freed);
  });

  it('keeps pods off tainted nodes and busy host ports, and honours required affinity', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '3']);
    await c.ok(['taint', 'node', 'sim-0', 'sim-1', 'dedicated=db:NoSchedule']);
    await c.ok(['create', '-f', '-'], { input: pod('plain') });
    assert.equal(await nodeOf(c, 'plain'), 'sim-2');
    await c.ok(['create', '-f', '-'], { input: pod('pinned', '  nodeSelector:\n    kubernetes.io/hostname: sim-0\n') });
    await failedScheduling(
      c,
      'pinned',
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) had untolerated taint {dedicated: db}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    const affinity = `  tolerations:
  - key: dedicated
    operator: Equal
    value: db
    effect: NoSchedule
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - key: kubernetes.io/hostname
            operator: NotIn
            values: [sim-0, sim-2]
          - key: kubernetes.io/os
            operator: Exists
`;
    await c.ok(['create', '-f', '-'], { input: pod('tolerant', affinity) });
    assert.equal(await nodeOf(c, 'tolerant'), 'sim-1');

    const hostPort = '    ports:\n    - containerPort: 80\n      hostPort: 8080\n';
    await c.ok(['create', '-f', '-'], { input: pod('port-a', '', hostPort) });
    assert.equal(await nodeOf(c, 'port-a'), 'sim-2');
    await c.ok(['create', '-f', '-'], { input: pod('port-b', '', hostPort) });
    await failedScheduling(
      c,
      'port-b',
      "0/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 2 node(s) had untolerated taint {dedicated: db}. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
    // Lifting a taint is a cluster change: the waiting pod tries again.
    await c.ok(['taint', 'node', 'sim-0', 'dedicated=db:NoSchedule-']);
    assert.equal(await nodeOf(c, 'port-b'), 'sim-0');
  });

  it('prefers nodes by preferred affinity, PreferNoSchedule taints and spreading one owner', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '3', '--simulated-node-capacity', 'cpu=2,memory=4Gi,pods=20']);
    await c.ok(['label', 'node', 'sim-1', 'disk=ssd']);
    const preferred = `  affinity:
    nodeAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 80
        preference:
          matchExpressions:
          - key: disk
            operator: In
            values: [ssd]
`;
    for (const name of ['pref-a', 'pref-b']) {
      await c.ok(['create', '-f', '-'], { input: pod(name, preferred) });
      assert.equal(await nodeOf(c, name), 'sim-1');
    }
    await c.ok(['delete', 'pods', '--all']);
    await c.ok(['taint', 'node', 'sim-0', 'sim-1', 'noisy=yes:PreferNoSchedule']);
    for (const name of ['quiet-a', 'quiet-b', 'quiet-c']) {
      await c.ok(['create', '-f', '-'], { input: pod(name) });
      assert.equal(await nodeOf(c, name), 'sim-2');
    }
    await c.ok(['delete', 'pods', '--all']);
    await c.ok(['taint', 'node', 'sim-0', 'sim-1', 'noisy-']);
    // Six pods of one owner: two on each node. The owner is a ConfigMap, which no controller acts on
    // (the garbage collector would remove pods whose owner does not exist).
    await c.ok(['create', 'configmap', 'web']);
    const ownerUid = await c.ok(['get', 'configmap', 'web', '-o', 'jsonpath={.metadata.uid}']);
    const owned = (name: string) =>
      pod(name).replace(
        `  name: ${name}\n`,
        `  name: ${name}\n  ownerReferences:\n  - apiVersion: v1\n    kind: ConfigMap\n    name: web\n    uid: ${ownerUid}\n    controller: true\n`,
      );
    const placed: string[] = [];
    for (let i = 1; i <= 6; i++) {
      await c.ok(['create', '-f', '-'], { input: owned(`web-${i}`) });
      placed.push(await nodeOf(c, `web-${i}`));
    }
    assert.deepEqual(placed.sort(), ['sim-0', 'sim-0', 'sim-1', 'sim-1', 'sim-2', 'sim-2']);
  });

  it('binds through pods/NAME/binding with upstream answers, and not twice', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '1', '--disable-scheduler']);
    await c.ok(['create', '-f', '-'], { input: pod('manual') });
    const uid = await c.ok(['get', 'pod', 'manual', '-o', 'jsonpath={.metadata.uid}']);
    const api = apiClient(t, c.kubeconfig);
    const bind = (body: object) => api.request('POST', '/api/v1/namespaces/default/pods/manual/binding', JSON.stringify({ apiVersion: 'v1', kind: 'Binding', ...body }));
    const stale = await bind({ metadata: { name: 'manual', uid: 'not-this-pod' }, target: { kind: 'Node', name: 'sim-0' } });
    assert.equal(stale.status, 409);
    const noTarget = await bind({ metadata: { name: 'manual' }, target: {} });
    assert.equal(JSON.parse(noTarget.body).message, 'Binding "manual" is invalid: target.name: Required value');
    const ok = await bind({ metadata: { name: 'manual', uid }, target: { kind: 'Node', name: 'sim-0' } });
    assert.deepEqual([ok.status, JSON.parse(ok.body).status], [201, 'Success']);
    assert.equal(await c.ok(['get', 'pod', 'manual', '-o', 'jsonpath={.spec.nodeName} {.status.conditions[?(@.type=="PodScheduled")].status}']), 'sim-0 True');
    const again = await bind({ metadata: { name: 'manual' }, target: { kind: 'Node', name: 'sim-0' } });
    assert.equal(again.status, 409);
    assert.equal(JSON.parse(again.body).message, 'Operation cannot be fulfilled on pods/binding "manual": pod manual is already assigned to node "sim-0"');
  });

  it('runs 1 000 pods on 50 simulated nodes', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '50']);
    const manifests = Array.from({ length: 1000 }, (_, i) => pod(`bulk-${i}`)).join('---\n');
    await c.ok(['create', '-f', '-'], { input: manifests });
    const running = await eventually(
      async () => {
        const lines = (await c.ok(['get', 'pods', '--field-selector=status.phase=Running', '-o', 'jsonpath={range .items[*]}{.spec.nodeName}{"\\n"}{end}'])).trim().split('\n');
        return lines.length === 1000 ? lines : undefined;
      },
      120_000,
      'all 1000 pods Running',
    );
    assert.equal(new Set(running).size, 50, 'every node got pods');
  });
});

