// What a kubelet says about its node: upstream's labels (with k3s's roles
// on a control-plane node) and conditions whose transition times move
// only when a status changes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { healthyConditions, nodeLabels } from '../../src/kubelet/node-status.js';

const description = { name: 'n1', internalIP: '10.0.0.1', capacity: { cpu: '2' }, runtimeVersion: 'x' };

describe('node status', () => {
  it('labels a node as kubelets do, and a server node with the control-plane roles', () => {
    const labels = nodeLabels(description);
    assert.equal(labels['kubernetes.io/hostname'], 'n1');
    assert.equal(labels['kubernetes.io/os'], 'linux');
    assert.equal(labels['node-role.kubernetes.io/control-plane'], undefined);
    const server = nodeLabels({ ...description, controlPlane: true });
    assert.equal(server['node-role.kubernetes.io/control-plane'], 'true');
    assert.equal(server['node-role.kubernetes.io/master'], 'true');
  });

  it('moves lastTransitionTime only when a condition changes', () => {
    const first = healthyConditions(undefined, new Date('2026-11-25T12:00:00Z'));
    assert.deepEqual(first.map((c) => `${c.type}=${c.status}`), ['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True']);
    const unknownReady = first.map((c) => (c.type === 'Ready' ? { ...c, status: 'Unknown' } : c));
    const next = healthyConditions(unknownReady, new Date('2026-11-25T12:01:00Z'));
    const ready = next.find((c) => c.type === 'Ready')!;
    assert.equal(ready.lastTransitionTime, '2026-11-25T12:01:00Z');
    assert.equal(ready.lastHeartbeatTime, '2026-11-25T12:01:00Z');
    assert.equal(next.find((c) => c.type === 'DiskPressure')!.lastTransitionTime, '2026-11-25T12:00:00Z');
  });
});
