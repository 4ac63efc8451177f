// The StatefulSet controller through the real kubectl, against a server
// playing three simulated nodes (pods Running and Ready at once): ordered
// creation and scale down, Parallel, a deleted pod coming back under its
// name, rolling updates from the highest ordinal with a partition, and
// kubectl's rollout status, scale and columns. The pod watch records the
// order things happened in.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { apiClient } from '../api-client.js';
import { startCluster, untilOutput, type TestCluster } from '../cluster.js';
import { eventually } from '../helpers.js';

const statefulSet = (name: string, spec = '', image = 'nginx', podSpec = '') => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
  serviceName: ${name}-svc
  replicas: 3
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

interface WatchedPod {
  metadata: { name: string; uid: string; labels?: Record<string, string>; deletionTimestamp?: string };
  status?: { conditions?: { type: string; status: string }[] };
}

/** Every pod event of app=APP from now on, in order, as "ADDED web-0", "READY web-0", "DELETED web-2". */
async function recordPods(t: TestContext, c: TestCluster, app: string): Promise<string[]> {
  const rv = (JSON.parse(await c.ok(['get', 'pods', '-o', 'json'])) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
  const log: string[] = [];
  // Pods ready before the watch starts are not reported again.
  const ready = new Set<string>(
    (JSON.parse(await c.ok(['get', 'pods', '-l', `app=${app}`, '-o', 'json'])) as { items: WatchedPod[] }).items
      .filter((p) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'))
      .map((p) => p.metadata.uid),
  );
  void apiClient(t, c.kubeconfig).watch(`/api/v1/namespaces/default/pods?watch=1&labelSelector=app%3D${app}&resourceVersion=${rv}&timeoutSeconds=90`, (line) => {
    const { type, object } = JSON.parse(line) as { type: string; object: WatchedPod };
    const { name, uid } = object.metadata;
    if (type === 'ADDED') log.push(`ADDED ${name}`);
    if (type === 'DELETED') log.push(`DELETED ${name}`);
    const isReady = object.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false;
    if (type !== 'DELETED' && isReady && !ready.has(uid)) {
      ready.add(uid);
      log.push(`READY ${name}`);
    }
  });
  return log;
}

async function readyCount(c: TestCluster, name: string, want: string): Promise<void> {
  let last = '';
  await eventually(
    async () => {
      last = await c.ok(['get', 'sts', name, '--no-headers']);
      return new RegExp(`^${name}\\s+${want}\\s+\\d+s\\n$`).test(last) ? true : undefined;
    },
    20_000,
    () => `${name} to read ${want} (last: ${last})`,
  );
}

const podImages = async (c: TestCluster, app: string) =>
  (await c.ok(['get', 'pods', '-l', `app=${app}`, '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.containers[0].image}{" "}{end}'])).trim();

describe('StatefulSet controller', () => {
  it('creates pods in order once each is ready, scales down from the highest ordinal, and brings deleted pods back', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '3']);
    const events = await recordPods(t, c, 'web');
    const claims = `  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
`;
    await c.ok(['apply', '-f', '-'], { input: statefulSet('web', claims) });
    await readyCount(c, 'web', '3/3');
    assert.match(await c.ok(['get', 'sts']), /^NAME\s+READY\s+AGE\nweb\s+3\/3\s+\d+s\n$/);
    // Each pod is made only after the one before it is ready.
    const order = events.filter((e) => !e.startsWith('DELETED'));
    assert.deepEqual(order.slice(0, 6), ['ADDED web-0', 'READY web-0', 'ADDED web-1', 'READY web-1', 'ADDED web-2', 'READY web-2']);

    const pod = JSON.parse(await c.ok(['get', 'pod', 'web-1', '-o', 'json'])) as {
      metadata: { labels: Record<string, string> };
      spec: { hostname: string; subdomain: string; volumes: { name: string; persistentVolumeClaim?: { claimName: string } }[] };
    };
    const status = JSON.parse(await c.ok(['get', 'sts', 'web', '-o', 'jsonpath={.status}'])) as Record<string, unknown>;
    assert.equal(pod.metadata.labels['statefulset.kubernetes.io/pod-name'], 'web-1');
    assert.equal(pod.metadata.labels['apps.kubernetes.io/pod-index'], '1');
    assert.equal(pod.metadata.labels['controller-revision-hash'], status.updateRevision);
    assert.equal(pod.spec.hostname, 'web-1');
    assert.equal(pod.spec.subdomain, 'web-svc');
    assert.deepEqual(pod.spec.volumes[0], { name: 'data', persistentVolumeClaim: { claimName: 'data-web-1' } });
    assert.deepEqual(
      status,
      {
        observedGeneration: 1,
        replicas: 3,
        readyReplicas: 3,
        currentReplicas: 3,
        updatedReplicas: 3,
        availableReplicas: 3,
        currentRevision: status.updateRevision,
        updateRevision: status.updateRevision,
        collisionCount: 0,
      },
    );
    assert.match(String(status.updateRevision), /^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    await untilOutput(c, ['describe', 'sts', 'web'], /Normal\s+SuccessfulCreate\s+\S+\s+statefulset-controller\s+create Pod web-2 in StatefulSet web successful/);

    // A deleted pod comes back under its name.
    const uid = await c.ok(['get', 'pod', 'web-1', '-o', 'jsonpath={.metadata.uid}']);
    await c.ok(['delete', 'pod', 'web-1']);
    await eventually(
      async () => {
        const r = await c.kubectl(['get', 'pod', 'web-1', '-o', 'jsonpath={.metadata.uid}']);
        return r.code === 0 && r.stdout !== uid ? true : undefined;
      },
      20_000,
      'web-1 made again',
    );
    await readyCount(c, 'web', '3/3');

    // kubectl scale through the scale subresource; the highest ordinal goes first.
    assert.equal(await c.ok(['scale', 'sts/web', '--replicas=1']), 'statefulset.apps/web scaled\n');
    await readyCount(c, 'web', '1/1');
    assert.deepEqual(
      events.filter((e) => e.startsWith('DELETED')),
      ['DELETED web-1', 'DELETED web-2', 'DELETED web-1'],
    );
    await untilOutput(c, ['describe', 'sts', 'web'], /Normal\s+SuccessfulDelete\s+\S+\s+statefulset-controller\s+delete Pod web-2 in StatefulSet web successful/);
  });

  it('creates every pod at once with Parallel, and counts from spec.ordinals.start', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '3']);
    // Pods for nowhere: they stay Pending, so an ordered set stops at its first pod while a parallel one makes all.
    const nowhere = '      nodeSelector:\n        disk: ssd\n';
    await c.ok(['apply', '-f', '-'], { input: statefulSet('ord', '', 'nginx', nowhere) });
    await c.ok(['apply', '-f', '-'], { input: statefulSet('par', '  podManagementPolicy: Parallel\n  ordinals:\n    start: 5\n', 'nginx', nowhere) });
    const names = async (app: string) => (await c.ok(['get', 'pods', '-l', `app=${app}`, '-o', 'jsonpath={.items[*].metadata.name}'])).trim();
    await eventually(async () => ((await names('par')) === 'par-5 par-6 par-7' ? true : undefined), 20_000, 'par-5, par-6 and par-7 made while none is ready');
    assert.equal(await names('ord'), 'ord-0');
    assert.match(await c.ok(['get', 'sts', 'par', '--no-headers']), /^par\s+0\/3\s+/);
    const waiting = await c.kubectl(['rollout', 'status', 'sts/par', '--timeout=1s']);
    assert.equal(waiting.code, 1);
    assert.equal(waiting.stdout.split('\n')[0], 'Waiting for 3 pods to be ready...');
    assert.equal(await c.ok(['get', 'pod', 'par-6', '-o', 'jsonpath={.metadata.labels.apps\\.kubernetes\\.io/pod-index}']), '6');
    await c.ok(['label', 'node', 'sim-1', 'disk=ssd']);
    await readyCount(c, 'par', '3/3');
    await readyCount(c, 'ord', '3/3');
  });

  it('rolls a new template from the highest ordinal, honouring the partition', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '3']);
    await c.ok(['apply', '-f', '-'], { input: statefulSet('db') });
    await readyCount(c, 'db', '3/3');
    assert.equal(await c.ok(['rollout', 'status', 'sts/db', '--timeout=20s']), 'partitioned roll out complete: 3 new pods have been updated...\n');
    const first = await c.ok(['get', 'sts', 'db', '-o', 'jsonpath={.status.currentRevision}']);

    // Partition 2: only db-2 moves to the new template.
    const events = await recordPods(t, c, 'db');
    await c.ok(['patch', 'sts', 'db', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}}}']);
    await c.ok(['set', 'image', 'sts/db', 'app=busybox']);
    assert.equal(
      (await c.ok(['rollout', 'status', 'sts/db', '--timeout=20s'])).split('\n').filter(Boolean).pop(),
      'partitioned roll out complete: 1 new pods have been updated...',
    );
    assert.equal(await podImages(c, 'db'), 'db-0=nginx db-1=nginx db-2=busybox');
    const partial = JSON.parse(await c.ok(['get', 'sts', 'db', '-o', 'jsonpath={.status}'])) as Record<string, unknown>;
    assert.equal(partial.currentRevision, first);
    assert.notEqual(partial.updateRevision, first);
    assert.deepEqual([partial.currentReplicas, partial.updatedReplicas], [2, 1]);

    // Partition 0: the rest follow, highest first, one at a time.
    await c.ok(['patch', 'sts', 'db', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}']);
    assert.equal(
      (await c.ok(['rollout', 'status', 'sts/db', '--timeout=20s'])).split('\n').filter(Boolean).pop(),
      'partitioned roll out complete: 3 new pods have been updated...',
    );
    assert.equal(await podImages(c, 'db'), 'db-0=busybox db-1=busybox db-2=busybox');
    assert.deepEqual(
      events.filter((e) => !e.startsWith('ADDED')),
      ['DELETED db-2', 'READY db-2', 'DELETED db-1', 'READY db-1', 'DELETED db-0', 'READY db-0'],
    );
    await eventually(
      async () => ((await c.ok(['get', 'sts', 'db', '-o', 'jsonpath={.status.currentRevision}'])) === partial.updateRevision ? true : undefined),
      10_000,
      'the update revision to become current',
    );
    assert.match(await c.ok(['rollout', 'history', 'sts/db']), /^REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/m);
  });

  it('takes its pods and revision back when made again after an orphaning delete', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '3']);
    await c.ok(['apply', '-f', '-'], { input: statefulSet('keep') });
    await readyCount(c, 'keep', '3/3');
    const uids = async () => c.ok(['get', 'pods', '-l', 'app=keep', '-o', 'jsonpath={.items[*].metadata.uid}']);
    const owners = async () => c.ok(['get', 'pods', '-l', 'app=keep', '-o', 'jsonpath={.items[*].metadata.ownerReferences[0].uid}']);
    const before = await uids();
    const revision = await c.ok(['get', 'sts', 'keep', '-o', 'jsonpath={.status.updateRevision}']);
    await c.ok(['delete', 'sts', 'keep', '--cascade=orphan']);
    await eventually(async () => ((await owners()) === '' ? true : undefined), 20_000, 'the pods orphaned');
    await c.ok(['apply', '-f', '-'], { input: statefulSet('keep') });
    const uid = await c.ok(['get', 'sts', 'keep', '-o', 'jsonpath={.metadata.uid}']);
    await eventually(async () => ((await owners()) === [uid, uid, uid].join(' ') ? true : undefined), 20_000, 'the pods adopted');
    await readyCount(c, 'keep', '3/3');
    assert.equal(await uids(), before, 'the same pods, not new ones');
    assert.equal(await c.ok(['get', 'sts', 'keep', '-o', 'jsonpath={.status.updateRevision}']), revision);
    assert.equal(await c.ok(['get', 'controllerrevision', revision, '-o', 'jsonpath={.metadata.ownerReferences[0].uid}']), uid);
  });

  it('with OnDelete, moves a pod to the new template only when it is deleted', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '3']);
    await c.ok(['apply', '-f', '-'], { input: statefulSet('od', '  updateStrategy:\n    type: OnDelete\n') });
    await readyCount(c, 'od', '3/3');
    await c.ok(['set', 'image', 'sts/od', 'app=busybox']);
    const updateRevision = async () => c.ok(['get', 'sts', 'od', '-o', 'jsonpath={.status.updateRevision}']);
    const first = await c.ok(['get', 'sts', 'od', '-o', 'jsonpath={.status.currentRevision}']);
    await eventually(async () => ((await updateRevision()) !== first ? true : undefined), 10_000, 'a new update revision');
    const r = await c.kubectl(['rollout', 'status', 'sts/od']);
    assert.equal(r.stderr, 'error: rollout status is only available for RollingUpdate strategy type\n');
    await c.ok(['delete', 'pod', 'od-1']);
    await eventually(async () => ((await podImages(c, 'od')) === 'od-0=nginx od-1=busybox od-2=nginx' ? true : undefined), 20_000, 'od-1 made again from the new template');
    await readyCount(c, 'od', '3/3');
    const status = JSON.parse(await c.ok(['get', 'sts', 'od', '-o', 'jsonpath={.status}'])) as Record<string, unknown>;
    assert.deepEqual([status.currentRevision, status.currentReplicas, status.updatedReplicas], [first, 2, 1]);
  });
});
