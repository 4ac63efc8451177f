// Deployments and ReplicaSets through kubectl on simulated nodes (pods are
// Running and Ready as soon as they are bound): the seeds' Deployment,
// self-healing, scaling, rolling updates that never dip below the desired
// ready count, Recreate, rollout history/undo/pause/resume/restart, the
// progress deadline, adoption and release, and the cascade modes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { apiClient } from '../api-client.js';
import { startCluster, untilOutput, type TestCluster } from '../cluster.js';
import { eventually } from '../helpers.js';

const SEEDS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'fixtures', 'seeds');
const HASH = '[bcdfghjklmnpqrstvwxz2456789]{1,10}';
const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}';

function deployment(name: string, replicas: number, extra: { strategy?: object; image?: string; progressDeadlineSeconds?: number; nodeSelector?: object } = {}): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      ...(extra.strategy ? { strategy: extra.strategy } : {}),
      ...(extra.progressDeadlineSeconds ? { progressDeadlineSeconds: extra.progressDeadlineSeconds } : {}),
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image: extra.image ?? 'nginx' }], ...(extra.nodeSelector ? { nodeSelector: extra.nodeSelector } : {}) },
      },
    },
  });
}

const names = async (c: TestCluster, args: string[]) => (await c.ok([...args, '-o', 'jsonpath={.items[*].metadata.name}'])).split(' ').filter(Boolean).sort();

interface PodEvent {
  type: string;
  object: { metadata: { name: string; deletionTimestamp?: string; labels?: Record<string, string> }; status?: { conditions?: { type: string; status: string }[] } };
}

/** Ready, not terminating pods after each event of a pod watch. */
function readyCounts(lines: string[]): number[] {
  const ready = new Map<string, boolean>();
  const counts: number[] = [];
  for (const line of lines) {
    const e = JSON.parse(line) as PodEvent;
    const pod = e.object;
    const isReady = e.type !== 'DELETED' && !pod.metadata.deletionTimestamp && pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    ready.set(pod.metadata.name, Boolean(isReady));
    counts.push([...ready.values()].filter(Boolean).length);
  }
  return counts;
}

describe('deployments', () => {
  it('runs the seeds\' Deployment, replaces a deleted pod and goes with its ReplicaSets and pods', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '2']);
    assert.equal(await c.ok(['apply', '-f', path.join(SEEDS, 'nginx-deploy.yaml')]), 'deployment.apps/nginx-test created\n');
    assert.match(
      await untilOutput(c, ['get', 'deploy', '-l', 'app=nginx-deploy'], /2\/2/),
      /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nnginx-test\s+2\/2\s+2\s+2\s+\d+s\n$/,
    );
    const rs = await untilOutput(c, ['get', 'rs', '-l', 'app=nginx'], /\s2\s+2\s+2\s/);
    assert.match(rs, new RegExp(`^NAME\\s+DESIRED\\s+CURRENT\\s+READY\\s+AGE\\nnginx-test-${HASH}\\s+2\\s+2\\s+2\\s+\\d+s\\n$`));
    const rsName = rs.split('\n')[1]!.split(/\s+/)[0]!;
    const pods = await names(c, ['get', 'pods', '-l', 'app=nginx']);
    assert.equal(pods.length, 2);
    for (const pod of pods) assert.match(pod, new RegExp(`^${rsName}-${SUFFIX}$`));
    assert.match(await c.ok(['get', 'pods', '-o', 'wide', '-l', 'app=nginx']), /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE/);

    // Self-healing: a deleted pod is replaced by a new one.
    assert.equal(await c.ok(['delete', 'pods', pods[0]!]), `pod "${pods[0]}" deleted\n`);
    await eventually(
      async () => {
        const now = await names(c, ['get', 'pods', '-l', 'app=nginx']);
        return now.length === 2 && !now.includes(pods[0]!) ? true : undefined;
      },
      20_000,
      'a replacement pod',
    );
    const describe = await c.ok(['describe', 'rs', rsName]);
    assert.match(describe, /SuccessfulCreate\s+\S+\s+replicaset-controller\s+Created pod: /);
    assert.match(await c.ok(['describe', 'deploy', 'nginx-test']), new RegExp(`ScalingReplicaSet\\s+\\S+\\s+deployment-controller\\s+Scaled up replica set ${rsName} from 0 to 2`));
    assert.match(await c.ok(['get', 'all']), new RegExp(`deployment.apps/nginx-test\\s+2/2[\\s\\S]*replicaset.apps/${rsName}\\s+2\\s+2\\s+2`));

    assert.equal(await c.ok(['delete', '-f', path.join(SEEDS, 'nginx-deploy.yaml')]), 'deployment.apps "nginx-test" deleted\n');
    await eventually(async () => ((await names(c, ['get', 'rs,pods', '-l', 'app=nginx'])).length === 0 ? true : undefined), 20_000, 'ReplicaSet and pods collected');
  });

  it('scales, and rolls out with maxUnavailable 0 without ever dropping below the desired ready pods', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '2']);
    await c.ok(['apply', '-f', '-'], { input: deployment('web', 2, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }) });
    await c.ok(['rollout', 'status', 'deploy/web', '--timeout=30s']);
    assert.equal(await c.ok(['scale', 'deploy/web', '--replicas=4']), 'deployment.apps/web scaled\n');
    await untilOutput(c, ['get', 'deploy', 'web'], /\s4\/4\s/);
    await c.ok(['scale', 'deploy/web', '--replicas=3']);
    await untilOutput(c, ['get', 'deploy', 'web'], /\s3\/3\s+3\s+3\s/);
    await eventually(async () => ((await names(c, ['get', 'pods', '-l', 'app=web'])).length === 3 ? true : undefined), 20_000, 'three pods');

    const api = apiClient(t, c.kubeconfig);
    const lines: string[] = [];
    // Starts from the list above: the first events are the three pods as they are.
    const watching = api.watch(`/api/v1/namespaces/default/pods?watch=1&labelSelector=app%3Dweb&resourceVersion=0&timeoutSeconds=10`, (l) => lines.push(l));
    await eventually(async () => (lines.length >= 3 ? true : undefined), 5_000, 'the watch to start');
    await c.ok(['set', 'image', 'deploy/web', 'web=nginx:1.27']);
    assert.match(await c.ok(['rollout', 'status', 'deploy/web', '--timeout=30s']), /deployment "web" successfully rolled out/);
    await watching;
    const counts = readyCounts(lines);
    assert.ok(counts.slice(2).every((n) => n >= 3), `ready pods during the rollout: ${counts.join(' ')}`);
    const images = await c.ok(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].spec.containers[0].image}']);
    assert.deepEqual(images.split(' '), ['nginx:1.27', 'nginx:1.27', 'nginx:1.27']);
    assert.match(await c.ok(['get', 'rs', '-l', 'app=web']), new RegExp(`web-${HASH}\\s+3\\s+3\\s+3[\\s\\S]*web-${HASH}\\s+0\\s+0\\s+0`));
  });

  it('recreates: no new pod while an old one is left', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '2']);
    await c.ok(['apply', '-f', '-'], { input: deployment('batch', 3, { strategy: { type: 'Recreate' } }) });
    await c.ok(['rollout', 'status', 'deploy/batch', '--timeout=30s']);
    const old = await names(c, ['get', 'pods', '-l', 'app=batch']);
    const api = apiClient(t, c.kubeconfig);
    const lines: string[] = [];
    const watching = api.watch(`/api/v1/namespaces/default/pods?watch=1&labelSelector=app%3Dbatch&resourceVersion=0&timeoutSeconds=8`, (l) => lines.push(l));
    await eventually(async () => (lines.length >= 3 ? true : undefined), 5_000, 'the watch to start');
    await c.ok(['set', 'image', 'deploy/batch', 'web=nginx:1.27']);
    await c.ok(['rollout', 'status', 'deploy/batch', '--timeout=30s']);
    await watching;
    const alive = new Set<string>();
    for (const line of lines) {
      const e = JSON.parse(line) as PodEvent;
      if (e.type === 'DELETED') alive.delete(e.object.metadata.name);
      else if (e.type === 'ADDED') {
        if (!old.includes(e.object.metadata.name)) assert.equal([...alive].filter((n) => old.includes(n)).length, 0, `${e.object.metadata.name} made while old pods remain`);
        alive.add(e.object.metadata.name);
      }
    }
    assert.equal((await names(c, ['get', 'pods', '-l', 'app=batch'])).filter((n) => old.includes(n)).length, 0);
  });

  it('keeps history, undoes, pauses, resumes and restarts', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '2']);
    await c.ok(['apply', '-f', '-'], { input: deployment('app', 2) });
    await c.ok(['rollout', 'status', 'deploy/app', '--timeout=30s']);
    await c.ok(['set', 'image', 'deploy/app', 'web=nginx:1.27']);
    await c.ok(['annotate', 'deploy/app', 'kubernetes.io/change-cause=image 1.27']);
    await c.ok(['rollout', 'status', 'deploy/app', '--timeout=30s']);
    assert.match(await c.ok(['rollout', 'history', 'deploy/app']), /^deployment.apps\/app \nREVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+image 1.27\n\n$/);
    const firstRS = (await names(c, ['get', 'rs', '-l', 'app=app'])).sort();

    assert.equal(await c.ok(['rollout', 'undo', 'deploy/app']), 'deployment.apps/app rolled back\n');
    await c.ok(['rollout', 'status', 'deploy/app', '--timeout=30s']);
    // The first ReplicaSet is reused, now as revision 3.
    assert.deepEqual((await names(c, ['get', 'rs', '-l', 'app=app'])).sort(), firstRS);
    assert.equal(await c.ok(['get', 'deploy', 'app', '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}']), '3');
    assert.match(await c.ok(['get', 'pods', '-l', 'app=app', '-o', 'jsonpath={.items[*].spec.containers[0].image}']), /^nginx nginx$/);

    assert.equal(await c.ok(['rollout', 'pause', 'deploy/app']), 'deployment.apps/app paused\n');
    await untilOutput(c, ['get', 'deploy', 'app', '-o', 'jsonpath={.status.conditions[?(@.type=="Progressing")].reason}'], /^DeploymentPaused$/);
    await c.ok(['set', 'image', 'deploy/app', 'web=nginx:1.28']);
    await c.ok(['scale', 'deploy/app', '--replicas=3']);
    await untilOutput(c, ['get', 'deploy', 'app'], /\s3\/3\s/);
    assert.equal((await names(c, ['get', 'rs', '-l', 'app=app'])).length, 2, 'no new ReplicaSet while paused');
    assert.equal(await c.ok(['rollout', 'resume', 'deploy/app']), 'deployment.apps/app resumed\n');
    await c.ok(['rollout', 'status', 'deploy/app', '--timeout=30s']);
    assert.equal((await names(c, ['get', 'rs', '-l', 'app=app'])).length, 3);

    assert.equal(await c.ok(['rollout', 'restart', 'deploy/app']), 'deployment.apps/app restarted\n');
    await c.ok(['rollout', 'status', 'deploy/app', '--timeout=30s']);
    assert.equal((await names(c, ['get', 'rs', '-l', 'app=app'])).length, 4);
    assert.match(await c.ok(['get', 'pods', '-l', 'app=app', '-o', 'jsonpath={.items[0].metadata.annotations}']), /kubectl.kubernetes.io\/restartedAt/);
  });

  it('reports ProgressDeadlineExceeded when pods never become available', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '1']);
    await c.ok(['apply', '-f', '-'], { input: deployment('stuck', 1, { progressDeadlineSeconds: 2, nodeSelector: { disk: 'none' } }) });
    await untilOutput(c, ['get', 'deploy', 'stuck', '-o', 'jsonpath={.status.conditions[?(@.type=="Progressing")].reason}'], /^ProgressDeadlineExceeded$/);
    const r = await c.kubectl(['rollout', 'status', 'deploy/stuck', '--timeout=10s']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'error: deployment "stuck" exceeded its progress deadline\n');
    assert.match(await c.ok(['describe', 'deploy', 'stuck']), /Available\s+False\s+MinimumReplicasUnavailable\n\s+Progressing\s+False\s+ProgressDeadlineExceeded/);
  });

  it('counts pods available only after minReadySeconds, and keeps revisionHistoryLimit old ReplicaSets', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '2']);
    const spec = JSON.parse(deployment('slow', 2));
    spec.spec.minReadySeconds = 3;
    spec.spec.revisionHistoryLimit = 1;
    await c.ok(['apply', '-f', '-'], { input: JSON.stringify(spec) });
    // Ready at once on simulated nodes, available three seconds later.
    await untilOutput(c, ['get', 'rs', '-l', 'app=slow', '-o', 'jsonpath={.items[0].status.readyReplicas}/{.items[0].status.availableReplicas}'], /^2\/$/);
    await untilOutput(c, ['get', 'deploy', 'slow'], /slow\s+2\/2\s+2\s+0\s/, 2_500);
    await untilOutput(c, ['get', 'deploy', 'slow'], /slow\s+2\/2\s+2\s+2\s/);
    for (const tag of ['1.27', '1.28']) {
      await c.ok(['set', 'image', 'deploy/slow', `web=nginx:${tag}`]);
      await c.ok(['rollout', 'status', 'deploy/slow', '--timeout=60s']);
    }
    // Three templates so far: the current ReplicaSet and one old one are kept.
    await eventually(async () => ((await names(c, ['get', 'rs', '-l', 'app=slow'])).length === 2 ? true : undefined), 20_000, 'the oldest ReplicaSet deleted');
    assert.match(await c.ok(['rollout', 'history', 'deploy/slow']), /\n2\s+<none>\n3\s+<none>\n/);
  });

  it('does not call a finished rollout stuck when it is scaled past what fits, long after its deadline', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '1', '--simulated-node-capacity', 'cpu=8,memory=16Gi,pods=3']);
    await c.ok(['apply', '-f', '-'], { input: deployment('full', 2, { progressDeadlineSeconds: 1 }) });
    await c.ok(['rollout', 'status', 'deploy/full', '--timeout=30s']);
    await c.ok(['scale', 'deploy/full', '--replicas=5']);
    await untilOutput(c, ['get', 'deploy', 'full'], /\s3\/5\s+5\s+3\s/);
    // Well past the 1 s deadline, and with pods that will never run, it still reports the last rollout as done.
    const reason = ['get', 'deploy', 'full', '-o', 'jsonpath={.status.conditions[?(@.type=="Progressing")].reason}'];
    const until = Date.now() + 3000;
    while (Date.now() < until) assert.equal(await c.ok(reason), 'NewReplicaSetAvailable');
  });

  it('orphans ReplicaSets with --cascade=orphan, and the orphans are adopted again', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '2']);
    await c.ok(['apply', '-f', '-'], { input: deployment('keep', 2) });
    await c.ok(['rollout', 'status', 'deploy/keep', '--timeout=30s']);
    const [rs] = await names(c, ['get', 'rs', '-l', 'app=keep']);
    const pods = await names(c, ['get', 'pods', '-l', 'app=keep']);
    await c.ok(['delete', 'deploy', 'keep', '--cascade=orphan']);
    await untilOutput(c, ['get', 'rs', rs!, '-o', 'jsonpath={.metadata.ownerReferences}'], /^$/);
    assert.deepEqual(await names(c, ['get', 'pods', '-l', 'app=keep']), pods);

    // The same Deployment again adopts the ReplicaSet (same template) rather than making another.
    await c.ok(['apply', '-f', '-'], { input: deployment('keep', 2) });
    await untilOutput(c, ['get', 'rs', rs!, '-o', 'jsonpath={.metadata.ownerReferences[0].kind}'], /^Deployment$/);
    await c.ok(['rollout', 'status', 'deploy/keep', '--timeout=30s']);
    assert.deepEqual(await names(c, ['get', 'rs', '-l', 'app=keep']), [rs]);
    assert.deepEqual(await names(c, ['get', 'pods', '-l', 'app=keep']), pods);

    await c.ok(['delete', 'deploy', 'keep', '--cascade=foreground']);
    assert.deepEqual(await names(c, ['get', 'rs,pods', '-l', 'app=keep']), []);
  });
});

describe('replica sets', () => {
  it('adopts matching orphan pods and releases pods whose labels change', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '1']);
    await c.ok(['run', 'stray', '--image=nginx', '--labels=tier=front']);
    await c.ok([
      'apply',
      '-f',
      '-',
    ], {
      input: JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'front' },
        spec: { replicas: 2, selector: { matchLabels: { tier: 'front' } }, template: { metadata: { labels: { tier: 'front' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
      }),
    });
    await untilOutput(c, ['get', 'pod', 'stray', '-o', 'jsonpath={.metadata.ownerReferences[0].name}'], /^front$/);
    await untilOutput(c, ['get', 'rs', 'front'], /front\s+2\s+2\s+2/);
    assert.equal((await names(c, ['get', 'pods', '-l', 'tier=front'])).length, 2);

    // Relabelled, the pod is released and replaced.
    await c.ok(['label', 'pod', 'stray', 'tier=back', '--overwrite']);
    await untilOutput(c, ['get', 'pod', 'stray', '-o', 'jsonpath={.metadata.ownerReferences}'], /^$/);
    await eventually(async () => ((await names(c, ['get', 'pods', '-l', 'tier=front'])).length === 2 ? true : undefined), 20_000, 'a replacement');
    assert.equal(await c.ok(['get', 'rs', 'front', '-o', 'jsonpath={.status.replicas}/{.status.readyReplicas}/{.status.availableReplicas}/{.status.observedGeneration}']), '2/2/2/1');
  });
});

