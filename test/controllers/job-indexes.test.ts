// The completed-index ranges of Indexed jobs, both ways, a pod marked with
// its index, and success policy rules met by completed indexes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../src/apiserver/registry/core/types.js';
import { formatIndexes, generateNameWithIndex, indexOf, matchSuccessPolicy, parseIndexes, withIndex } from '../../src/controllers/job-indexes.js';

describe('job completion indexes', () => {
  it('reads and writes index ranges', () => {
    assert.deepEqual([...parseIndexes('0-2,5,7-8', 8)], [0, 1, 2, 5, 7]);
    assert.deepEqual([...parseIndexes('', 3)], []);
    assert.equal(formatIndexes(new Set([5, 0, 1, 2, 7, 8, 10])), '0-2,5,7,8,10');
    assert.equal(formatIndexes(new Set()), '');
  });

  it('marks a pod with its index', () => {
    const pod: Pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'busybox' }] } };
    withIndex(pod, 2, 'work');
    assert.equal(indexOf(pod, 3), 2);
    assert.equal(indexOf(pod, 2), undefined);
    assert.equal(pod.spec.hostname, 'work-2');
    assert.equal(generateNameWithIndex('work', 2), 'work-2-');
    assert.equal(generateNameWithIndex('a'.repeat(60), 12), `${'a'.repeat(54)}-12-`);
    assert.deepEqual(pod.metadata.labels, { 'batch.kubernetes.io/job-completion-index': '2' });
    assert.deepEqual((pod.spec.containers[0] as { env?: unknown[] }).env, [
      { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } },
    ]);
  });

  it('matches success policy rules against the completed indexes', () => {
    const rules = [{ succeededIndexes: '0,2-4', succeededCount: 3 }, { succeededIndexes: '1' }, { succeededCount: 5 }];
    assert.equal(matchSuccessPolicy(rules, new Set(), 10), undefined);
    assert.equal(matchSuccessPolicy(rules, new Set([0, 2]), 10), undefined);
    assert.equal(matchSuccessPolicy(rules, new Set([0, 2, 4]), 10), 'Matched rules at index 0');
    assert.equal(matchSuccessPolicy(rules, new Set([1]), 10), 'Matched rules at index 1');
    assert.equal(matchSuccessPolicy(rules, new Set([5, 6, 7, 8, 9]), 10), 'Matched rules at index 2');
  });
});
