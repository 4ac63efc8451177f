// Unit tests of the pure parts of the workload controllers: the rollout
// arithmetic (hash names, fenceposts, new ReplicaSet growth, proportional
// resizing, conditions), the ReplicaSet's deletion ranking, slow-start
// batches, expectations, and LabelSelector matching and formatting.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../src/apiserver/registry/core/types.js';
import { formatLabelSelector, labelSelectorMatches } from '../../src/apiserver/selectors.js';
import {
  equalIgnoringHash,
  fenceposts,
  maxUnavailable,
  newReplicaSetReplicas,
  proportionalSizes,
  setCondition,
  templateHash,
  type Deployment,
  type DeploymentStatus,
} from '../../src/controllers/deployment/rollout-math.js';
import { Expectations } from '../../src/controllers/expectations.js';
import { podsToDelete, type ReplicaSet } from '../../src/controllers/replicaset.js';
import { slowStart } from '../../src/controllers/slow-start.js';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };

function deployment(replicas: number, rollingUpdate: { maxSurge?: number | string; maxUnavailable?: number | string } = {}): Deployment {
  return {
    metadata: { name: 'web', generation: 1 },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template, strategy: { type: 'RollingUpdate', rollingUpdate } },
  };
}

function replicaSet(name: string, replicas: number, created: string, annotations: Record<string, string> = {}): ReplicaSet {
  return { metadata: { name, creationTimestamp: created, annotations }, spec: { replicas, template } };
}

describe('rollout arithmetic', () => {
  it('names templates by a hash in upstream\'s safe alphabet, stable under key order, changed by a collision count', () => {
    const hash = templateHash(template);
    assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    const reordered = { spec: { containers: [{ image: 'nginx', name: 'web' }] }, metadata: { labels: { app: 'web' } } };
    assert.equal(templateHash(reordered), hash);
    assert.notEqual(templateHash(template, 1), hash);
    assert.notEqual(templateHash({ ...template, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } }), hash);
  });

  it('compares templates without their pod-template-hash label', () => {
    const hashed = { ...template, metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } } };
    assert.ok(equalIgnoringHash(template, hashed));
    assert.ok(!equalIgnoringHash(template, { ...hashed, metadata: { labels: { app: 'api', 'pod-template-hash': 'abc' } } }));
  });

  it('resolves maxSurge up and maxUnavailable down, never both zero', () => {
    assert.deepEqual(fenceposts(deployment(10)), { surge: 3, unavailable: 2 });
    assert.deepEqual(fenceposts(deployment(3, { maxSurge: 0, maxUnavailable: '10%' })), { surge: 0, unavailable: 1 });
    assert.deepEqual(fenceposts(deployment(4, { maxSurge: '50%', maxUnavailable: 0 })), { surge: 2, unavailable: 0 });
    assert.equal(maxUnavailable(deployment(1, { maxUnavailable: 5 })), 1);
  });

  it('grows the new ReplicaSet only as far as surge allows', () => {
    const d = deployment(4, { maxSurge: 1, maxUnavailable: 0 });
    const old = replicaSet('old', 4, '2026-01-01T00:00:00Z');
    const fresh = replicaSet('new', 0, '2026-01-02T00:00:00Z');
    assert.equal(newReplicaSetReplicas(d, [old, fresh], fresh), 1);
    const grown = replicaSet('new', 2, '2026-01-02T00:00:00Z');
    assert.equal(newReplicaSetReplicas(d, [replicaSet('old', 3, '2026-01-01T00:00:00Z'), grown], grown), 2);
    assert.equal(newReplicaSetReplicas(d, [fresh], fresh), 4);
  });

  it('resizes active ReplicaSets in proportion to their share', () => {
    // 10 → 20 replicas while 6 old and 6 new pods run (max 13 before, 25% surge).
    const d = deployment(20);
    const old = replicaSet('old', 6, '2026-01-01T00:00:00Z', { 'deployment.kubernetes.io/max-replicas': '13' });
    const fresh = replicaSet('new', 6, '2026-01-02T00:00:00Z', { 'deployment.kubernetes.io/max-replicas': '13' });
    const { sizes, direction } = proportionalSizes(d, [old, fresh]);
    assert.equal(direction, 'up');
    assert.equal(sizes.get(old)! + sizes.get(fresh)!, 25);
    assert.ok(Math.abs(sizes.get(old)! - sizes.get(fresh)!) <= 1);
  });

  it('keeps a condition with the same status and reason, and its transition time when only the reason changes', () => {
    const status: DeploymentStatus = {};
    setCondition(status, { type: 'Progressing', status: 'True', reason: 'A', lastTransitionTime: 't1', lastUpdateTime: 't1' });
    setCondition(status, { type: 'Progressing', status: 'True', reason: 'A', lastTransitionTime: 't2', lastUpdateTime: 't2' });
    assert.equal(status.conditions![0]!.lastUpdateTime, 't1');
    setCondition(status, { type: 'Progressing', status: 'True', reason: 'B', lastTransitionTime: 't3', lastUpdateTime: 't3' });
    assert.deepEqual(status.conditions, [{ type: 'Progressing', status: 'True', reason: 'B', lastTransitionTime: 't1', lastUpdateTime: 't3' }]);
  });
});

function pod(name: string, extra: { node?: string; phase?: string; ready?: boolean; created?: string; restarts?: number }): Pod {
  return {
    metadata: { name, creationTimestamp: extra.created ?? '2026-01-01T00:00:00Z' },
    spec: { containers: [], ...(extra.node ? { nodeName: extra.node } : {}) },
    status: {
      phase: extra.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: extra.ready === false ? 'False' : 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }],
      containerStatuses: [{ restartCount: extra.restarts ?? 0 }],
    },
  };
}

describe('replica set decisions', () => {
  it('deletes unscheduled, then pending, then not ready, then restarted, then newer pods first', () => {
    const pods = [
      pod('ready-old', { node: 'n' }),
      pod('ready-new', { node: 'n', created: '2026-01-03T00:00:00Z' }),
      pod('restarted', { node: 'n', restarts: 3 }),
      pod('not-ready', { node: 'n', ready: false }),
      pod('pending', { node: 'n', phase: 'Pending', ready: false }),
      pod('unscheduled', { phase: 'Pending', ready: false }),
    ];
    assert.deepEqual(
      podsToDelete(pods, 6).map((p) => p.metadata.name),
      ['unscheduled', 'pending', 'not-ready', 'restarted', 'ready-new', 'ready-old'],
    );
  });

  it('makes pods in batches of 1, 2, 4… and stops after a batch with a failure', async () => {
    let calls = 0;
    const result = await slowStart(Array.from({ length: 20 }), async () => ++calls !== 5);
    // Batches of 1 and 2 succeed; the batch of 4 has the fifth call fail: nothing after it is tried.
    assert.equal(calls, 7);
    assert.deepEqual(result, { failed: true, notTried: 13 });
  });

  it('waits for what it expects, and not past five minutes', () => {
    let now = 0;
    const e = new Expectations(() => now);
    assert.ok(e.satisfied('a'));
    e.expect('a', 2, 1);
    e.creationObserved('a');
    e.deletionObserved('a');
    assert.ok(!e.satisfied('a'));
    e.creationObserved('a');
    assert.ok(e.satisfied('a'));
    // Deletions named by key count once each, however often each is seen.
    e.expect('c', 0, ['ns/x', 'ns/y']);
    e.deletionObserved('c', 'ns/x');
    e.deletionObserved('c', 'ns/x');
    assert.ok(!e.satisfied('c'));
    e.deletionObserved('c', 'ns/y');
    assert.ok(e.satisfied('c'));
    e.expect('b', 1, 0);
    now = 5 * 60_000 + 1;
    assert.ok(e.satisfied('b'));
  });
});

describe('label selectors', () => {
  it('match and format as upstream', () => {
    const sel = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }, { key: 'canary', operator: 'DoesNotExist' }] };
    assert.ok(labelSelectorMatches(sel, { app: 'web', tier: 'a' }));
    assert.ok(!labelSelectorMatches(sel, { app: 'web', tier: 'a', canary: 'yes' }));
    assert.ok(!labelSelectorMatches(sel, { app: 'web' }));
    assert.ok(labelSelectorMatches({}, { anything: 'x' }));
    assert.ok(!labelSelectorMatches(undefined, { app: 'web' }));
    assert.equal(formatLabelSelector(sel), 'app=web,!canary,tier in (a,b)');
  });
});
