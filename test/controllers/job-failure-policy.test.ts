// A Job's pod failure policy applied to failed pods: the first matching
// rule decides, by exit code (In / NotIn, one container or any) or by
// pod condition; no match counts the failure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Pod } from '../../src/apiserver/registry/core/types.js';
import { podFailureDecision } from '../../src/controllers/job-failure-policy.js';

const failed = (codes: Record<string, number>, conditions: { type: string; status: string }[] = []): Pod => ({
  metadata: { name: 'p', namespace: 'ns' },
  spec: { containers: [] },
  status: { phase: 'Failed', conditions, containerStatuses: Object.entries(codes).map(([name, exitCode]) => ({ name, state: { terminated: { exitCode } } })) },
});

describe('pod failure policy', () => {
  const rules = [
    { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
    { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } },
    { action: 'Count', onExitCodes: { operator: 'NotIn', values: [1, 2] } },
    { action: 'FailJob', onExitCodes: { operator: 'In', values: [1] } },
  ];

  it('takes the first matching rule', () => {
    assert.deepEqual(podFailureDecision(rules, failed({ main: 1 }, [{ type: 'DisruptionTarget', status: 'True' }])), { action: 'Ignore' });
    assert.deepEqual(podFailureDecision(rules, failed({ side: 0, main: 42 })), {
      action: 'FailJob',
      message: 'Container main for pod ns/p failed with exit code 42 matching FailJob rule at index 1',
    });
    // 42 in another container is not main's: NotIn [1, 2] matches first.
    assert.deepEqual(podFailureDecision(rules, failed({ side: 42 })), { action: 'Count' });
    assert.deepEqual(podFailureDecision(rules, failed({ main: 1 })), { action: 'FailJob', message: 'Container main for pod ns/p failed with exit code 1 matching FailJob rule at index 3' });
    // Nothing matches: counted.
    assert.deepEqual(podFailureDecision(rules, failed({ main: 2 })), { action: 'Count' });
  });

  it('words a condition match', () => {
    const byCondition = [{ action: 'FailJob', onPodConditions: [{ type: 'ConfigIssue', status: 'True' }] }];
    assert.deepEqual(podFailureDecision(byCondition, failed({ main: 3 }, [{ type: 'ConfigIssue', status: 'True' }])), {
      action: 'FailJob',
      message: 'Pod ns/p has condition ConfigIssue matching FailJob rule at index 0',
    });
  });
});
