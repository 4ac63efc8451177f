// The StatefulSet plan as a pure function: ordered and parallel creation,
// scale down from the highest ordinal, terminated pods, rolling updates
// with partition and maxUnavailable; and the controller history helpers
// (revision data, hash, truncation).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../src/apiserver/registry/core/types.js';
import { newRevision, revisionHash, revisionsToTruncate, sortRevisions, templateOf, templatePatch, type ControllerRevision } from '../../src/controllers/history.js';
import { controllerRef, type PodTemplate } from '../../src/controllers/pod-control.js';
import { completeRollingUpdate, planStatefulSet, type RevisionView, type StatefulSet } from '../../src/controllers/statefulset-plan.js';

const NOW = new Date('2026-01-01T00:10:00Z');
const template = (image: string): PodTemplate => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image }] } });
const OLD: RevisionView = { name: 'web-old', template: template('nginx') };
const NEW: RevisionView = { name: 'web-new', template: template('busybox') };

function sts(spec: Partial<StatefulSet['spec']> = {}): StatefulSet {
  return {
    metadata: { name: 'web', namespace: 'default', uid: 'u1', generation: 4 },
    spec: { replicas: 3, serviceName: 'web-svc', template: template('busybox'), podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, ...spec },
  };
}
const owner = controllerRef(sts(), 'apps/v1', 'StatefulSet');

function pod(ordinal: number, revision: string, opts: { ready?: boolean; phase?: string; deleting?: boolean } = {}): Pod {
  return {
    metadata: {
      name: `web-${ordinal}`,
      uid: `p${ordinal}`,
      labels: { app: 'web', 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': `web-${ordinal}`, 'apps.kubernetes.io/pod-index': String(ordinal) },
      ...(opts.deleting ? { deletionTimestamp: NOW.toISOString() } : {}),
    },
    spec: { containers: [] },
    status: { phase: opts.phase ?? 'Running', conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
  };
}

const steps = (set: StatefulSet, pods: Pod[], current = OLD, update = NEW) =>
  planStatefulSet(set, owner, current, update, pods, NOW).steps.map((s) => `${s.type} ${s.pod.metadata.name}${s.type === 'delete' ? ` (${s.why})` : ''}`);

describe('StatefulSet plan', () => {
  it('makes pods one at a time in order, each once the one before is running and ready', () => {
    assert.deepEqual(steps(sts(), [], NEW), ['create web-0']);
    assert.deepEqual(steps(sts(), [pod(0, 'web-new', { ready: false })], NEW), []);
    assert.deepEqual(steps(sts(), [pod(0, 'web-new', { phase: 'Pending', ready: false })], NEW), []);
    assert.deepEqual(steps(sts(), [pod(0, 'web-new')], NEW), ['create web-1']);
    const [create] = planStatefulSet(sts({ volumeClaimTemplates: [{ metadata: { name: 'data' } }] }), owner, NEW, NEW, [], NOW).steps;
    assert.equal(create?.type, 'create');
    const made = create!.pod;
    assert.deepEqual(made.metadata.labels, { app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': 'web-new' });
    assert.deepEqual([made.spec.hostname, made.spec.subdomain, made.spec.containers[0]!.image], ['web-0', 'web-svc', 'busybox']);
    assert.deepEqual(made.spec.volumes, [{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } }]);
  });

  it('makes every missing pod at once with Parallel, from ordinals.start', () => {
    assert.deepEqual(steps(sts({ podManagementPolicy: 'Parallel', ordinals: { start: 3 } }), [], NEW), ['create web-3', 'create web-4', 'create web-5']);
  });

  it('scales down from the highest ordinal, one at a time unless Parallel', () => {
    const pods = [0, 1, 2, 3].map((i) => pod(i, 'web-new'));
    assert.deepEqual(steps(sts({ replicas: 1 }), pods, NEW), ['delete web-3 (scale)']);
    assert.deepEqual(steps(sts({ replicas: 1, podManagementPolicy: 'Parallel' }), pods, NEW), ['delete web-3 (scale)', 'delete web-2 (scale)', 'delete web-1 (scale)']);
    // In order, scale down waits for a pod still terminating, and will not remove an unhealthy pod unless it is the first unhealthy one.
    assert.deepEqual(steps(sts({ replicas: 1 }), [pod(0, 'web-new'), pod(1, 'web-new'), pod(2, 'web-new', { deleting: true })], NEW), []);
    assert.deepEqual(steps(sts({ replicas: 1 }), [pod(0, 'web-new'), pod(1, 'web-new', { ready: false }), pod(2, 'web-new', { ready: false })], NEW), []);
    assert.deepEqual(steps(sts({ replicas: 1 }), [pod(0, 'web-new'), pod(1, 'web-new'), pod(2, 'web-new', { ready: false })], NEW), ['delete web-2 (scale)']);
  });

  it('deletes failed and succeeded pods, to be made again once gone', () => {
    assert.deepEqual(steps(sts(), [pod(0, 'web-new'), pod(1, 'web-new', { phase: 'Failed', ready: false }), pod(2, 'web-new')], NEW), ['delete web-1 (terminated)']);
    assert.deepEqual(steps(sts(), [pod(0, 'web-new'), pod(1, 'web-new', { phase: 'Failed', deleting: true })], NEW), []);
  });

  it('updates from the highest ordinal down to the partition, maxUnavailable at a time', () => {
    const pods = [0, 1, 2].map((i) => pod(i, 'web-old'));
    assert.deepEqual(steps(sts(), pods), ['delete web-2 (update)']);
    assert.deepEqual(steps(sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 2 } } }), pods), ['delete web-2 (update)', 'delete web-1 (update)']);
    assert.deepEqual(steps(sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }), [pod(0, 'web-old'), pod(1, 'web-old'), pod(2, 'web-new')]), []);
    assert.deepEqual(steps(sts(), [pod(0, 'web-old'), pod(1, 'web-old'), pod(2, 'web-new', { ready: false })]), [], 'waits for the updated pod');
    assert.deepEqual(steps(sts({ updateStrategy: { type: 'OnDelete' } }), pods), []);
    // A pod made again below the partition gets the current revision; above it, the update revision.
    const partitioned = sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }, podManagementPolicy: 'Parallel' });
    const made = planStatefulSet(partitioned, owner, OLD, NEW, [pod(1, 'web-old')], NOW).steps.map((s) => `${s.pod.metadata.name}=${s.pod.metadata.labels!['controller-revision-hash']}`);
    assert.deepEqual(made, ['web-0=web-old', 'web-2=web-new']);
  });

  it('reports the status the pods give, the update revision becoming current once all are updated and ready', () => {
    const { status } = planStatefulSet(sts(), owner, OLD, NEW, [pod(0, 'web-old'), pod(1, 'web-old'), pod(2, 'web-new', { ready: false })], NOW);
    assert.deepEqual(status, { observedGeneration: 4, replicas: 3, readyReplicas: 2, availableReplicas: 2, currentReplicas: 2, updatedReplicas: 1, currentRevision: 'web-old', updateRevision: 'web-new' });
    const done = planStatefulSet(sts(), owner, OLD, NEW, [0, 1, 2].map((i) => pod(i, 'web-new')), NOW).status;
    assert.deepEqual(completeRollingUpdate(sts(), done), { ...done, currentReplicas: 3, currentRevision: 'web-new' });
  });
});

describe('controller history', () => {
  it('stores the template as a replace patch with sorted keys, named and labelled by its hash', () => {
    const set = { metadata: { name: 'web', namespace: 'ns', uid: 'u1', annotations: { 'kubernetes.io/change-cause': 'why' } }, spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx' }] }, metadata: { labels: { app: 'web' } } } } };
    const data = templatePatch(set);
    assert.equal(
      JSON.stringify(data),
      '{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx","name":"app"}]}}}}',
    );
    const rev = newRevision(set, owner, 7);
    const hash = revisionHash(data);
    assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]{5,10}$/);
    assert.equal(rev.metadata.name, `web-${hash}`);
    assert.deepEqual(rev.metadata.labels, { app: 'web', 'controller-revision-hash': hash });
    assert.deepEqual(rev.metadata.annotations, { 'kubernetes.io/change-cause': 'why' });
    assert.equal(rev.revision, 7);
    assert.deepEqual(templateOf(rev), { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: { containers: [{ image: 'nginx', name: 'app' }] } });
    assert.notEqual(revisionHash(data, 1), hash, 'a collision count changes the name');
  });

  it('truncates the oldest revisions no pod uses beyond the limit', () => {
    const rev = (name: string, revision: number) => ({ metadata: { name }, data: {}, revision }) as ControllerRevision;
    const sorted = sortRevisions([rev('e', 5), rev('a', 1), rev('c', 3), rev('b', 2), rev('d', 4)]);
    assert.deepEqual(sorted.map((r) => r.revision), [1, 2, 3, 4, 5]);
    assert.deepEqual(revisionsToTruncate(sorted, new Set(['a', 'e']), 1).map((r) => r.metadata.name), ['b', 'c']);
    assert.deepEqual(revisionsToTruncate(sorted, new Set(['e']), 10), []);
  });
});
