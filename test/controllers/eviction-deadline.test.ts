// When taint eviction removes a pod: at once for an untolerated NoExecute
// taint, never when tolerated without a limit, else the shortest
// tolerationSeconds after the taint was added.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evictionDeadline } from '../../src/controllers/taint-eviction.js';
import type { Pod, Taint } from '../../src/apiserver/registry/core/types.js';

const added = '2026-11-25T12:00:00Z';
const t0 = Date.parse(added);
const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: added };
const withTolerations = (tolerations: Pod['spec']['tolerations']): Pod => ({ metadata: { name: 'p' }, spec: { containers: [], tolerations } });

describe('eviction deadline', () => {
  it('is now without a matching toleration', () => {
    assert.equal(evictionDeadline(withTolerations([]), [unreachable], t0 + 5), t0 + 5);
  });
  it('is never for a toleration without tolerationSeconds', () => {
    assert.equal(evictionDeadline(withTolerations([{ key: unreachable.key, operator: 'Exists', effect: 'NoExecute' }]), [unreachable], t0), undefined);
  });
  it("counts the first matching toleration's seconds from when the taint was added", () => {
    const pod = withTolerations([
      { key: unreachable.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { operator: 'Exists', tolerationSeconds: 60 },
    ]);
    assert.equal(evictionDeadline(pod, [unreachable], t0 + 1000), t0 + 300_000);
  });

  it('counts from when the taint was first seen when it carries no timeAdded', () => {
    const pod = withTolerations([{ key: 'maintenance', operator: 'Exists', tolerationSeconds: 10 }]);
    const untimed: Taint = { key: 'maintenance', effect: 'NoExecute' };
    assert.equal(evictionDeadline(pod, [untimed], t0 + 5000, () => t0), t0 + 10_000);
  });

  it('takes the earliest deadline over several tolerated taints', () => {
    const other: Taint = { key: 'maintenance', effect: 'NoExecute', timeAdded: added };
    const pod = withTolerations([
      { key: unreachable.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'maintenance', operator: 'Exists', tolerationSeconds: 30 },
    ]);
    assert.equal(evictionDeadline(pod, [unreachable, other], t0), t0 + 30_000);
  });
  it('is now when any one of several taints is not tolerated', () => {
    const other: Taint = { key: 'maintenance', effect: 'NoExecute', timeAdded: added };
    const pod = withTolerations([{ key: unreachable.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
    assert.equal(evictionDeadline(pod, [unreachable, other], t0 + 7), t0 + 7);
  });
});
