// The scheduler's pure parts: node selector operators, tolerations, the
// resource filter's reasons, score normalizing, how many nodes a big
// cluster looks at, the queue's order, and the fit error text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitErrorMessage } from '../../src/scheduler/fit-error.js';
import { normalizeToMax, podState } from '../../src/scheduler/framework.js';
import { NodeInfo } from '../../src/scheduler/node-info.js';
import { matchesTerm } from '../../src/scheduler/node-selector.js';
import { resourcesFitFilter } from '../../src/scheduler/plugins/resources-fit.js';
import { SchedulingQueue } from '../../src/scheduler/queue.js';
import { feasibleNodesToFind } from '../../src/scheduler/scheduler.js';
import { tolerates } from '../../src/scheduler/tolerations.js';
import type { Node, NodeSelectorRequirement, Pod } from '../../src/apiserver/registry/core/types.js';
import { withDeadline } from '../helpers.js';

const node = (labels: Record<string, string>, allocatable: Record<string, string> = { cpu: '2', memory: '4Gi', pods: '110' }): Node => ({
  metadata: { name: 'n1', labels },
  status: { allocatable },
});

const pod = (name: string, requests: Record<string, string> = {}, priority = 0): Pod => ({
  metadata: { name, namespace: 'default' },
  spec: { priority, containers: [{ name: 'app', resources: { requests } }] },
});

describe('node selector terms', () => {
  const n = node({ zone: 'a', cores: '8', gpu: '' });
  const match = (...matchExpressions: NodeSelectorRequirement[]) => matchesTerm({ matchExpressions }, n);
  it('evaluates every operator as upstream does', () => {
    assert.equal(match({ key: 'zone', operator: 'In', values: ['a', 'b'] }), true);
    assert.equal(match({ key: 'zone', operator: 'In', values: ['b'] }), false);
    assert.equal(match({ key: 'zone', operator: 'NotIn', values: ['b'] }), true);
    assert.equal(match({ key: 'missing', operator: 'NotIn', values: ['b'] }), true);
    assert.equal(match({ key: 'gpu', operator: 'Exists' }), true);
    assert.equal(match({ key: 'gpu', operator: 'DoesNotExist' }), false);
    assert.equal(match({ key: 'cores', operator: 'Gt', values: ['4'] }), true);
    assert.equal(match({ key: 'cores', operator: 'Lt', values: ['4'] }), false);
    assert.equal(match({ key: 'zone', operator: 'Gt', values: ['4'] }), false, 'not a number');
    assert.equal(match({ key: 'zone', operator: 'In', values: ['a'] }, { key: 'cores', operator: 'Lt', values: ['4'] }), false, 'requirements are ANDed');
  });
  it('matches nothing with an empty term, and only metadata.name in matchFields', () => {
    assert.equal(matchesTerm({}, n), false);
    assert.equal(matchesTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }, n), true);
    assert.equal(matchesTerm({ matchFields: [{ key: 'metadata.uid', operator: 'Exists' }] }, n), false);
  });
});

describe('tolerations', () => {
  const taint = { key: 'k', value: 'v', effect: 'NoSchedule' as const };
  it('match by key, value and effect, with Exists and empty fields as wildcards', () => {
    assert.equal(tolerates({ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }, taint), true);
    assert.equal(tolerates({ key: 'k', operator: 'Equal', value: 'w' }, taint), false);
    assert.equal(tolerates({ key: 'k', operator: 'Exists' }, taint), true);
    assert.equal(tolerates({ operator: 'Exists' }, taint), true, 'an empty key with Exists tolerates everything');
    assert.equal(tolerates({ key: 'k', operator: 'Exists', effect: 'NoExecute' }, taint), false);
    assert.equal(tolerates({ key: 'k', value: 'v' }, taint), true, 'Equal is the default operator');
  });
});

describe('NodeResourcesFit', () => {
  it('names every resource that is short, pods first', () => {
    const info = new NodeInfo(node({}, { cpu: '1', memory: '1Gi', pods: '1' }));
    info.addPod({ ...pod('there', { cpu: '500m' }), spec: { ...pod('there').spec, nodeName: 'n1', containers: [{ name: 'a', resources: { requests: { cpu: '500m' } } }] } });
    const failure = resourcesFitFilter.filter(podState(pod('big', { cpu: '600m', memory: '2Gi', 'nvidia.com/gpu': '1' })), info);
    assert.deepEqual(failure, { code: 'Unschedulable', reasons: ['Too many pods', 'Insufficient cpu', 'Insufficient memory', 'Insufficient nvidia.com/gpu'] });
    assert.equal(resourcesFitFilter.filter(podState(pod('small', { cpu: '100m' })), new NodeInfo(node({}))), undefined);
  });
  it('counts the larger of the containers and the biggest init container', () => {
    const info = new NodeInfo(node({}, { cpu: '1', memory: '1Gi', pods: '10' }));
    const withInit: Pod = { ...pod('init', { cpu: '200m' }), spec: { ...pod('init', { cpu: '200m' }).spec, initContainers: [{ name: 'i', resources: { requests: { cpu: '1500m' } } }] } };
    assert.deepEqual(resourcesFitFilter.filter(podState(withInit), info)?.reasons, ['Insufficient cpu']);
  });
});

describe('scores and search width', () => {
  it('normalizes to 0-100, reversed when fewer is better', () => {
    const scores = [0, 2, 4];
    normalizeToMax(scores, false);
    assert.deepEqual(scores, [0, 50, 100]);
    const reversed = [0, 2, 4];
    normalizeToMax(reversed, true);
    assert.deepEqual(reversed, [100, 50, 0]);
    const none = [0, 0];
    normalizeToMax(none, true);
    assert.deepEqual(none, [100, 100]);
  });
  it('looks at every node below 100, then an adaptive share of at least 100', () => {
    assert.equal(feasibleNodesToFind(50), 50);
    assert.equal(feasibleNodesToFind(100), 100);
    assert.equal(feasibleNodesToFind(150), 100);
    assert.equal(feasibleNodesToFind(1000), 420);
    assert.equal(feasibleNodesToFind(5000), 500);
    assert.equal(feasibleNodesToFind(20_000), 1000);
  });
});

describe('scheduling queue', () => {
  it('hands out higher priority first, then first come', async () => {
    const q = new SchedulingQueue();
    q.add(pod('low-1'));
    q.add(pod('high', {}, 100));
    q.add(pod('low-2'));
    q.add(pod('low-1'));
    assert.deepEqual([await q.pop(), await q.pop(), await q.pop()], ['default/high', 'default/low-1', 'default/low-2']);
    q.close();
  });
  it('parks unschedulable pods until a cluster change, and forgets deleted ones', async () => {
    const q = new SchedulingQueue();
    q.add(pod('waits'));
    q.add(pod('gone'));
    const first = await q.pop();
    const second = await q.pop();
    q.markUnschedulable(first!);
    q.markUnschedulable(second!);
    q.delete('default/gone');
    assert.equal(q.pending, 1);
    q.moveAllToActive();
    // It comes back once its back-off (1 s after the attempt) has passed.
    assert.equal(await withDeadline(q.pop(), 5000, 'the parked pod'), 'default/waits');
    q.close();
    assert.equal(await q.pop(), undefined);
  });
});

describe('the "0/N nodes are available" text', () => {
  it('sorts "<count> <reason>" as strings and adds what preemption found', () => {
    const affinity = { code: 'UnschedulableAndUnresolvable' as const, reasons: ["node(s) didn't match Pod's node affinity/selector"] };
    const cpu = { code: 'Unschedulable' as const, reasons: ['Insufficient cpu'] };
    assert.equal(
      fitErrorMessage([cpu, affinity, cpu], 3, 'PreemptLowerPriority'),
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    );
    const many = [...Array.from({ length: 10 }, () => cpu), affinity, affinity];
    assert.match(fitErrorMessage(many, 12, undefined), /^0\/12 nodes are available: 10 Insufficient cpu, 2 node\(s\) didn't match/);
    assert.equal(fitErrorMessage([cpu], 1, 'Never'), '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
  });
});
