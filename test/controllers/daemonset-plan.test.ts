// The DaemonSet plan as a pure function: which nodes are eligible, what the
// manage step creates and deletes, how rolling updates pace themselves
// with maxUnavailable and maxSurge, and the status counts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node, Pod, Taint } from '../../src/apiserver/registry/core/types.js';
import { addDaemonTolerations, daemonSetStatus, nodeShouldRun, planManage, planRollingUpdate, podsByNode, type DaemonSet } from '../../src/controllers/daemonset-plan.js';

const NOW = new Date('2026-01-01T00:10:00Z');

function ds(extra: Partial<DaemonSet['spec']> = {}, podSpec: Partial<Pod['spec']> = {}): DaemonSet {
  return {
    metadata: { name: 'agent', namespace: 'default', uid: 'u1', annotations: { 'deprecated.daemonset.template.generation': '2' } },
    spec: {
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'app', image: 'nginx' }], ...podSpec } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      ...extra,
    },
  };
}

const node = (name: string, labels: Record<string, string> = {}, taints: Taint[] = []): Node => ({ metadata: { name, labels }, spec: { taints } });

let seq = 0;
function pod(nodeName: string, hash: string, opts: { ready?: boolean; phase?: string; age?: number; deleting?: boolean; bound?: boolean } = {}): Pod {
  const created = new Date(NOW.getTime() - (opts.age ?? 60) * 1000).toISOString();
  return {
    metadata: { name: `agent-${seq++}`, uid: `p${seq}`, creationTimestamp: created, labels: { 'controller-revision-hash': hash }, ...(opts.deleting ? { deletionTimestamp: created } : {}) },
    spec: {
      containers: [],
      ...(opts.bound === false ? {} : { nodeName }),
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } } },
    },
    status: {
      phase: opts.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True', lastTransitionTime: created }],
    },
  };
}

const names = (pods: Pod[]) => pods.map((p) => p.metadata.name).sort();
const three = [node('a'), node('b'), node('c')];

describe('DaemonSet plan', () => {
  it('decides eligibility from node name, selector, affinity and taints, tolerating node conditions', () => {
    assert.deepEqual(nodeShouldRun(ds(), node('a')), { shouldRun: true, shouldContinueRunning: true });
    assert.deepEqual(nodeShouldRun(ds({}, { nodeSelector: { role: 'edge' } }), node('a')), { shouldRun: false, shouldContinueRunning: false });
    assert.deepEqual(nodeShouldRun(ds({}, { nodeSelector: { role: 'edge' } }), node('a', { role: 'edge' })).shouldRun, true);
    assert.deepEqual(nodeShouldRun(ds({}, { nodeName: 'b' }), node('a')).shouldContinueRunning, false);
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In' as const, values: ['x'] }] }] } } };
    assert.equal(nodeShouldRun(ds({}, { affinity }), node('a', { zone: 'y' })).shouldRun, false);
    assert.equal(nodeShouldRun(ds({}, { affinity }), node('a', { zone: 'x' })).shouldRun, true);
    // An untolerated NoSchedule taint keeps new pods off but lets a running one stay; NoExecute does not.
    assert.deepEqual(nodeShouldRun(ds(), node('a', {}, [{ key: 'k', effect: 'NoSchedule' }])), { shouldRun: false, shouldContinueRunning: true });
    assert.deepEqual(nodeShouldRun(ds(), node('a', {}, [{ key: 'k', effect: 'NoExecute' }])), { shouldRun: false, shouldContinueRunning: false });
    assert.equal(nodeShouldRun(ds(), node('a', {}, [{ key: 'k', effect: 'PreferNoSchedule' }])).shouldRun, true);
    assert.equal(nodeShouldRun(ds({}, { tolerations: [{ key: 'k', operator: 'Exists' }] }), node('a', {}, [{ key: 'k', effect: 'NoExecute' }])).shouldRun, true);
    // Node conditions' taints are tolerated by every daemon pod; network-unavailable only with hostNetwork.
    for (const key of ['not-ready', 'unreachable'])
      assert.equal(nodeShouldRun(ds(), node('a', {}, [{ key: `node.kubernetes.io/${key}`, effect: 'NoExecute' }])).shouldRun, true);
    for (const key of ['disk-pressure', 'memory-pressure', 'pid-pressure', 'unschedulable'])
      assert.equal(nodeShouldRun(ds(), node('a', {}, [{ key: `node.kubernetes.io/${key}`, effect: 'NoSchedule' }])).shouldRun, true);
    const network = node('a', {}, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]);
    assert.equal(nodeShouldRun(ds(), network).shouldRun, false);
    assert.equal(nodeShouldRun(ds({}, { hostNetwork: true }), network).shouldRun, true);
  });

  it("adds upstream's daemon tolerations, replacing the same toleration with a time limit", () => {
    const spec: Pod['spec'] = {
      containers: [],
      hostNetwork: true,
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Equal', value: 'x', effect: 'NoExecute' },
      ],
    };
    addDaemonTolerations(spec);
    assert.deepEqual(
      spec.tolerations!.map((t) => [t.key!.replace('node.kubernetes.io/', ''), t.operator, t.value, t.effect, t.tolerationSeconds]),
      [
        ['not-ready', 'Exists', undefined, 'NoExecute', undefined],
        ['unreachable', 'Equal', 'x', 'NoExecute', undefined],
        ['unreachable', 'Exists', undefined, 'NoExecute', undefined],
        ['disk-pressure', 'Exists', undefined, 'NoSchedule', undefined],
        ['memory-pressure', 'Exists', undefined, 'NoSchedule', undefined],
        ['pid-pressure', 'Exists', undefined, 'NoSchedule', undefined],
        ['unschedulable', 'Exists', undefined, 'NoSchedule', undefined],
        ['network-unavailable', 'Exists', undefined, 'NoSchedule', undefined],
      ],
    );
  });

  it('creates on nodes without a pod and deletes extra, misplaced, finished and orphaned pods', () => {
    const keep = pod('a', 'h', { age: 100 });
    const extra = pod('a', 'h', { age: 50 });
    const done = pod('b', 'h', { phase: 'Succeeded' });
    const lost = pod('gone', 'h', { bound: false });
    const misplaced = pod('d', 'h');
    const nodes = [...three, node('d', {}, [{ key: 'k', effect: 'NoExecute' }])];
    const plan = planManage(ds(), nodes, podsByNode([keep, extra, done, lost, misplaced], true), 'h', NOW, () => 0);
    assert.deepEqual(plan.createOn, ['c']);
    assert.deepEqual(names(plan.remove), names([extra, done, misplaced, lost]));
    assert.deepEqual(plan.failed, []);
  });

  it('replaces failed pods unless their node is in back-off', () => {
    const failed = pod('a', 'h', { phase: 'Failed' });
    const now = planManage(ds(), [node('a')], podsByNode([failed], true), 'h', NOW, () => 0);
    assert.deepEqual(names(now.remove), [failed.metadata.name]);
    assert.deepEqual(now.failed.map((f) => f.node), ['a']);
    const later = planManage(ds(), [node('a')], podsByNode([failed], true), 'h', NOW, () => 4000);
    assert.deepEqual([later.remove, later.failed, later.retryAfterMs], [[], [], 4000]);
  });

  it('rolls without surge: deletes old pods while fewer than maxUnavailable nodes are down', () => {
    const old = three.map((n) => pod(n.metadata.name!, 'old'));
    assert.equal(planRollingUpdate(ds(), three, podsByNode(old, false), 'new', NOW).remove.length, 1);
    const wide = ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '50%', maxSurge: 0 } } });
    assert.equal(planRollingUpdate(wide, three, podsByNode(old, false), 'new', NOW).remove.length, 2, '50% of 3 rounds up to 2');
    // A new pod not yet ready uses up the budget; an old one not ready may always go.
    const pending = [pod('a', 'new', { ready: false }), pod('b', 'old'), pod('c', 'old')];
    assert.deepEqual(planRollingUpdate(ds(), three, podsByNode(pending, false), 'new', NOW), { createOn: [], remove: [] });
    const broken = [pod('a', 'new', { ready: false }), pod('b', 'old', { ready: false }), pod('c', 'old')];
    assert.deepEqual(names(planRollingUpdate(ds(), three, podsByNode(broken, false), 'new', NOW).remove), [broken[1]!.metadata.name]);
    // The template generation label counts as up to date too.
    const byGeneration = three.map((n) => {
      const p = pod(n.metadata.name!, 'other');
      p.metadata.labels!['pod-template-generation'] = '2';
      return p;
    });
    assert.deepEqual(planRollingUpdate(ds(), three, podsByNode(byGeneration, false), 'new', NOW).remove, []);
  });

  it('rolls with surge: a new pod beside the old, the old one deleted once the new is available', () => {
    const surge = ds({ minReadySeconds: 30, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } });
    const old = three.map((n) => pod(n.metadata.name!, 'old'));
    assert.equal(planRollingUpdate(surge, three, podsByNode(old, false), 'new', NOW).createOn.length, 1);
    // New pod on a, ready but not yet for minReadySeconds: it counts as the surge, nothing more happens.
    const fresh = pod('a', 'new', { age: 10 });
    assert.deepEqual(planRollingUpdate(surge, three, podsByNode([...old, fresh], false), 'new', NOW), { createOn: [], remove: [] });
    const settled = pod('a', 'new', { age: 40 });
    const plan = planRollingUpdate(surge, three, podsByNode([...old, settled], false), 'new', NOW);
    assert.deepEqual(names(plan.remove), [old[0]!.metadata.name]);
    assert.equal(plan.createOn.length, 1);
    // The manage step keeps both pods on a node while the new one is not available, and drops the old once it is.
    const keepBoth = planManage(surge, three, podsByNode([...old, fresh], true), 'new', NOW, () => 0);
    assert.deepEqual(keepBoth.remove, []);
    assert.deepEqual(names(planManage(surge, three, podsByNode([...old, settled], true), 'new', NOW, () => 0).remove), [old[0]!.metadata.name]);
  });

  it('counts desired, current, ready, available, updated and misscheduled nodes', () => {
    const pods = [pod('a', 'new'), pod('b', 'old', { ready: false }), pod('d', 'new')];
    const status = daemonSetStatus(ds({}, { nodeSelector: { run: 'yes' } }), [node('a', { run: 'yes' }), node('b', { run: 'yes' }), node('c', { run: 'yes' }), node('d')], podsByNode(pods, false), 'new', NOW);
    assert.deepEqual(status, {
      currentNumberScheduled: 2,
      numberMisscheduled: 1,
      desiredNumberScheduled: 3,
      numberReady: 1,
      updatedNumberScheduled: 1,
      numberAvailable: 1,
      numberUnavailable: 2,
    });
  });
});
