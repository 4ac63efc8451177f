// The DaemonSet controller through the real kubectl, against a server
// playing three simulated nodes (their pods are Running and Ready at once):
// one pod per eligible node, node labels and taints, replacement of
// deleted and failed pods, rolling updates node by node, history, and the
// garbage collector taking the pods with the set.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { apiClient } from '../api-client.js';
import { startCluster, untilOutput, type TestCluster } from '../cluster.js';
import { eventually } from '../helpers.js';

const daemonSet = (name: string, spec = '', podSpec = '', image = 'nginx') => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      app: ${name}
${spec}  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: app
        image: ${image}
${podSpec}`;

interface PodView {
  name: string;
  node: string;
  image: string;
  ready: boolean;
  deleting: boolean;
  phase: string;
}

async function podsOf(c: TestCluster, app: string): Promise<PodView[]> {
  const list = JSON.parse(await c.ok(['get', 'pods', '-l', `app=${app}`, '-o', 'json'])) as {
    items: { metadata: { name: string; deletionTimestamp?: string }; spec: { nodeName?: string; containers: { image: string }[] }; status?: { phase?: string; conditions?: { type: string; status: string }[] } }[];
  };
  return list.items.map((p) => ({
    name: p.metadata.name,
    node: p.spec.nodeName ?? '',
    image: p.spec.containers[0]!.image,
    ready: p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    deleting: Boolean(p.metadata.deletionTimestamp),
    phase: p.status?.phase ?? '',
  }));
}

/** Waits until the set's live pods sit on exactly `nodes`, one each, ready. */
async function onNodes(c: TestCluster, app: string, nodes: string[]): Promise<PodView[]> {
  let last: PodView[] = [];
  return eventually(
    async () => {
      last = (await podsOf(c, app)).filter((p) => !p.deleting);
      const placed = last.map((p) => p.node).sort();
      return last.every((p) => p.ready) && JSON.stringify(placed) === JSON.stringify([...nodes].sort()) ? last : undefined;
    },
    20_000,
    `pods of ${app} on ${nodes.join(',')} (last: ${JSON.stringify(last)})`,
  );
}

type Seen = { metadata: { name: string; deletionTimestamp?: string }; spec: { nodeName?: string }; status?: { conditions?: { type: string; status: string }[] } };

/** Watches the pods of app=APP: `worst` is the most nodes seen at once without a ready pod not being deleted. */
async function watchNodesDown(t: TestContext, c: TestCluster, app: string): Promise<{ worst: number }> {
  const live = new Map<string, { node: string; ok: boolean }>();
  const see = (pod: Seen) => {
    const ready = pod.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false;
    live.set(pod.metadata.name, { node: pod.spec.nodeName ?? '', ok: ready && !pod.metadata.deletionTimestamp });
  };
  const list = JSON.parse(await c.ok(['get', 'pods', '-l', `app=${app}`, '-o', 'json'])) as { metadata: { resourceVersion: string }; items: Seen[] };
  list.items.forEach(see);
  const seen = { worst: 0 };
  void apiClient(t, c.kubeconfig).watch(`/api/v1/namespaces/default/pods?watch=1&labelSelector=app%3D${app}&resourceVersion=${list.metadata.resourceVersion}&timeoutSeconds=60`, (line) => {
    const { type, object } = JSON.parse(line) as { type: string; object: Seen };
    if (type === 'DELETED') live.delete(object.metadata.name);
    else see(object);
    const up = new Set([...live.values()].filter((p) => p.ok).map((p) => p.node));
    seen.worst = Math.max(seen.worst, ['sim-0', 'sim-1', 'sim-2'].filter((n) => !up.has(n)).length);
  });
  return seen;
}

describe('DaemonSet controller', () => {
  it('runs one pod per node, follows node labels and taints, and replaces deleted and failed pods', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '3']);
    await c.ok(['apply', '-f', '-'], { input: daemonSet('agent') });
    const pods = await onNodes(c, 'agent', ['sim-0', 'sim-1', 'sim-2']);
    await eventually(
      async () => (/^agent\s+3\s+3\s+3\s+3\s+3\s+<none>\s+\d+s\n$/m.test(await c.ok(['get', 'ds', 'agent', '--no-headers'])) ? true : undefined),
      10_000,
      'the ds row to read 3 3 3 3 3',
    );
    assert.match(await c.ok(['get', 'ds', 'agent']), /^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\n/);
    // Each pod is pinned by affinity to its node, tolerates upstream's node conditions, and carries its revision.
    const pod = JSON.parse(await c.ok(['get', 'pod', pods[0]!.name, '-o', 'json'])) as {
      metadata: { labels: Record<string, string>; ownerReferences: { kind: string; name: string; controller: boolean }[] };
      spec: { affinity: unknown; tolerations: { key: string; effect: string; tolerationSeconds?: number }[] };
    };
    assert.deepEqual(pod.spec.affinity, {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [pods[0]!.node] }] }] } },
    });
    assert.deepEqual(
      pod.spec.tolerations.map((t) => `${t.key}:${t.effect}${t.tolerationSeconds === undefined ? '' : `=${t.tolerationSeconds}`}`),
      [
        'node.kubernetes.io/not-ready:NoExecute',
        'node.kubernetes.io/unreachable:NoExecute',
        'node.kubernetes.io/disk-pressure:NoSchedule',
        'node.kubernetes.io/memory-pressure:NoSchedule',
        'node.kubernetes.io/pid-pressure:NoSchedule',
        'node.kubernetes.io/unschedulable:NoSchedule',
      ],
    );
    assert.equal(pod.metadata.labels['pod-template-generation'], '1');
    const hash = pod.metadata.labels['controller-revision-hash']!;
    assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]+$/);
    assert.deepEqual(pod.metadata.ownerReferences.map((r) => [r.kind, r.name, r.controller]), [['DaemonSet', 'agent', true]]);
    assert.match(await c.ok(['get', 'controllerrevisions']), new RegExp(`^agent-${hash}\\s+daemonset.apps/agent\\s+1\\s+\\d+s$`, 'm'));
    await untilOutput(c, ['describe', 'ds', 'agent'], new RegExp(`Normal\\s+SuccessfulCreate\\s+\\S+\\s+daemonset-controller\\s+Created pod: ${pods[0]!.name}`));

    // A deleted pod comes back on its node.
    const victim = pods.find((p) => p.node === 'sim-1')!;
    await c.ok(['delete', 'pod', victim.name]);
    const back = await onNodes(c, 'agent', ['sim-0', 'sim-1', 'sim-2']);
    assert.notEqual(back.find((p) => p.node === 'sim-1')!.name, victim.name);

    // A failed pod is replaced, with a warning.
    const failing = back.find((p) => p.node === 'sim-2')!;
    await c.ok(['patch', 'pod', failing.name, '--subresource=status', '--type=merge', '-p', '{"status":{"phase":"Failed"}}']);
    await eventually(async () => ((await podsOf(c, 'agent')).some((p) => p.name === failing.name) ? undefined : true), 20_000, 'the failed pod deleted');
    await onNodes(c, 'agent', ['sim-0', 'sim-1', 'sim-2']);
    await untilOutput(c, ['describe', 'ds', 'agent'], new RegExp(`Warning\\s+FailedDaemonPod\\s+\\S+\\s+daemonset-controller\\s+Found failed daemon pod default/${failing.name} on node sim-2, will try to kill it\n`));

    // A node selector: only labelled nodes; labelling adds a pod, unlabelling removes it.
    await c.ok(['label', 'node', 'sim-0', 'role=edge']);
    await c.ok(['apply', '-f', '-'], { input: daemonSet('edge', '', '      nodeSelector:\n        role: edge\n') });
    await onNodes(c, 'edge', ['sim-0']);
    await c.ok(['label', 'node', 'sim-2', 'role=edge']);
    await onNodes(c, 'edge', ['sim-0', 'sim-2']);
    assert.match(await c.ok(['get', 'ds', 'edge', '--no-headers']), /^edge\s+2\s+2\s+\d\s+\d\s+\d\s+role=edge\s+/);
    await c.ok(['label', 'node', 'sim-0', 'role-']);
    await onNodes(c, 'edge', ['sim-2']);

    // Taints: a NoSchedule taint keeps new pods off (the pod already there stays), a NoExecute one evicts; a toleration lets them on.
    await c.ok(['taint', 'node', 'sim-1', 'dedicated=db:NoSchedule']);
    await c.ok(['apply', '-f', '-'], { input: daemonSet('picky') });
    await onNodes(c, 'picky', ['sim-0', 'sim-2']);
    const onSim1 = (await onNodes(c, 'agent', ['sim-0', 'sim-1', 'sim-2'])).find((p) => p.node === 'sim-1')!.name;
    await c.ok(['taint', 'node', 'sim-1', 'dedicated=db:NoExecute']);
    await onNodes(c, 'agent', ['sim-0', 'sim-2']);
    const deleted = new RegExp(`(^| )Deleted pod: ${onSim1}( |$)`);
    await eventually(
      async () => (deleted.test(await c.ok(['get', 'events', '--field-selector', 'reason=SuccessfulDelete,involvedObject.name=agent', '-o', 'jsonpath={.items[*].message}'])) ? true : undefined),
      10_000,
      `the event "Deleted pod: ${onSim1}"`,
    );
    await c.ok(['apply', '-f', '-'], {
      input: daemonSet('tolerant', '', '      tolerations:\n      - key: dedicated\n        operator: Exists\n'),
    });
    await onNodes(c, 'tolerant', ['sim-0', 'sim-1', 'sim-2']);

    // Deleted with --cascade=orphan and made again, the set takes its pods back.
    const uids = async () => c.ok(['get', 'pods', '-l', 'app=tolerant', '-o', 'jsonpath={.items[*].metadata.uid}']);
    const owners = async () => c.ok(['get', 'pods', '-l', 'app=tolerant', '-o', 'jsonpath={.items[*].metadata.ownerReferences[0].uid}']);
    const before = await uids();
    await c.ok(['delete', 'ds', 'tolerant', '--cascade=orphan']);
    await eventually(async () => ((await owners()) === '' ? true : undefined), 20_000, 'the pods orphaned');
    await c.ok(['apply', '-f', '-'], { input: daemonSet('tolerant', '', '      tolerations:\n      - key: dedicated\n        operator: Exists\n') });
    const uid = await c.ok(['get', 'ds', 'tolerant', '-o', 'jsonpath={.metadata.uid}']);
    await eventually(async () => ((await owners()) === [uid, uid, uid].join(' ') ? true : undefined), 20_000, 'the pods adopted');
    await onNodes(c, 'tolerant', ['sim-0', 'sim-1', 'sim-2']);
    assert.equal(await uids(), before, 'the same pods, not new ones');

    // Deleting the set takes its pods with it (the garbage collector's work).
    await c.ok(['delete', 'ds', 'tolerant']);
    await eventually(async () => ((await podsOf(c, 'tolerant')).length === 0 ? true : undefined), 20_000, "the set's pods collected");
  });

  it('rolls a new template out node by node, never two nodes down at once, and keeps history', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '3']);
    await c.ok(['apply', '-f', '-'], { input: daemonSet('web') });
    await onNodes(c, 'web', ['sim-0', 'sim-1', 'sim-2']);
    assert.equal(await c.ok(['rollout', 'status', 'ds/web', '--timeout=20s']), 'daemon set "web" successfully rolled out\n');

    const down = await watchNodesDown(t, c, 'web');

    await c.ok(['annotate', 'ds', 'web', 'kubernetes.io/change-cause=busybox please']);
    await c.ok(['set', 'image', 'ds/web', 'app=busybox']);
    assert.equal(await c.ok(['rollout', 'status', 'ds/web', '--timeout=30s']).then((out) => out.split('\n').filter(Boolean).pop()), 'daemon set "web" successfully rolled out');
    const after = await onNodes(c, 'web', ['sim-0', 'sim-1', 'sim-2']);
    assert.deepEqual(after.map((p) => p.image), ['busybox', 'busybox', 'busybox']);
    assert.equal(down.worst, 1, 'at most one node at a time without a ready pod');
    assert.match(await c.ok(['get', 'ds', 'web', '--no-headers']), /^web\s+3\s+3\s+3\s+3\s+3\s+<none>\s+/);
    assert.equal(await c.ok(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].metadata.labels.pod-template-generation}']), '2 2 2');

    const history = await c.ok(['rollout', 'history', 'ds/web']);
    assert.match(history, /^daemonset\.apps\/web \n/);
    assert.match(history, /^REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+busybox please\n/m);
    assert.match(await c.ok(['rollout', 'history', 'ds/web', '--revision=2']), /Image:\s+busybox/);

    // Undo brings the first template back as revision 3.
    await c.ok(['rollout', 'undo', 'ds/web']);
    await c.ok(['rollout', 'status', 'ds/web', '--timeout=30s']);
    assert.deepEqual((await onNodes(c, 'web', ['sim-0', 'sim-1', 'sim-2'])).map((p) => p.image), ['nginx', 'nginx', 'nginx']);
    assert.match(await c.ok(['rollout', 'history', 'ds/web']), /^REVISION\s+CHANGE-CAUSE\n2\s+busybox please\n3\s+<none>\n/m);
  });

  it('surges a new pod beside the old one with maxSurge, never leaving a node without a ready pod', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '3']);
    await c.ok(['apply', '-f', '-'], { input: daemonSet('surge', '  revisionHistoryLimit: 1\n  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0\n') });
    await onNodes(c, 'surge', ['sim-0', 'sim-1', 'sim-2']);
    const down = await watchNodesDown(t, c, 'surge');
    await c.ok(['set', 'image', 'ds/surge', 'app=busybox']);
    assert.equal((await c.ok(['rollout', 'status', 'ds/surge', '--timeout=30s'])).split('\n').filter(Boolean).pop(), 'daemon set "surge" successfully rolled out');
    assert.deepEqual((await onNodes(c, 'surge', ['sim-0', 'sim-1', 'sim-2'])).map((p) => p.image), ['busybox', 'busybox', 'busybox']);
    assert.equal(down.worst, 0, 'every node keeps a ready pod throughout');

    // revisionHistoryLimit 1: after a third template only the previous revision is kept beside the current one.
    await c.ok(['set', 'image', 'ds/surge', 'app=example.com/third:3']);
    await c.ok(['rollout', 'status', 'ds/surge', '--timeout=30s']);
    await eventually(
      async () => ((await c.ok(['get', 'controllerrevisions', '-l', 'app=surge', '-o', 'jsonpath={.items[*].revision}'])).split(' ').sort().join(' ') === '2 3' ? true : undefined),
      10_000,
      'revisions 2 and 3 only',
    );
  });
});
