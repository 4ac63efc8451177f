// Unit tests of the pod printer's READY, STATUS and RESTARTS cells against
// the cases upstream's printer distinguishes (as of the kubectl 1.32 server).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { podCells, type PodLike } from '../../src/apiserver/printers/pod-status.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString();
const running = { running: { startedAt: ago(600) } };

function pod(spec: PodLike['spec'], status: PodLike['status'], deletionTimestamp?: string): PodLike {
  return { metadata: { deletionTimestamp }, spec, status };
}
const two = { containers: [{ name: 'a' }, { name: 'b' }] };

describe('pod READY / STATUS / RESTARTS', () => {
  it('shows a new pod as Pending with nothing ready', () => {
    assert.deepEqual(podCells(pod({ containers: [{ name: 'a' }] }, { phase: 'Pending' }), NOW), { ready: '0/1', status: 'Pending', restarts: '0' });
  });

  it('counts ready containers and restarts, with when the last restart was', () => {
    const p = pod(two, {
      phase: 'Running',
      containerStatuses: [
        { name: 'a', ready: true, restartCount: 3, state: running, lastState: { terminated: { exitCode: 1, finishedAt: ago(150) } } },
        { name: 'b', ready: false, restartCount: 3 },
      ],
    });
    assert.deepEqual(podCells(p, NOW), { ready: '1/2', status: 'Running', restarts: '6 (2m30s ago)' });
  });

  it('lets the first container\'s waiting or terminated reason win', () => {
    const p = pod(two, {
      phase: 'Running',
      containerStatuses: [
        { name: 'a', state: { waiting: { reason: 'CrashLoopBackOff' } } },
        { name: 'b', state: { terminated: { reason: 'Error', exitCode: 1 } } },
      ],
    });
    assert.equal(podCells(p, NOW).status, 'CrashLoopBackOff');
    const created = pod({ containers: [{ name: 'a' }] }, { phase: 'Pending', containerStatuses: [{ name: 'a', state: { waiting: { reason: 'ContainerCreating' } } }] });
    assert.equal(podCells(created, NOW).status, 'ContainerCreating');
  });

  it('shows Completed, Signal:N and ExitCode:N for terminated containers', () => {
    const done = pod({ containers: [{ name: 'a' }] }, { phase: 'Succeeded', containerStatuses: [{ name: 'a', state: { terminated: { reason: 'Completed', exitCode: 0 } } }] });
    assert.equal(podCells(done, NOW).status, 'Completed');
    const signal = pod({ containers: [{ name: 'a' }] }, { phase: 'Failed', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 137, signal: 9 } } }] });
    assert.equal(podCells(signal, NOW).status, 'Signal:9');
    const code = pod({ containers: [{ name: 'a' }] }, { phase: 'Failed', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 2 } } }] });
    assert.equal(podCells(code, NOW).status, 'ExitCode:2');
  });

  it('turns Completed into Running or NotReady while another container runs', () => {
    const statuses = [
      { name: 'a', ready: true, state: running },
      { name: 'b', state: { terminated: { reason: 'Completed', exitCode: 0 } } },
    ];
    const ready = pod(two, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: statuses });
    assert.equal(podCells(ready, NOW).status, 'Running');
    const notReady = pod(two, { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: statuses });
    assert.equal(podCells(notReady, NOW).status, 'NotReady');
  });

  it('shows init progress and init failures', () => {
    const spec = { initContainers: [{ name: 'i0' }, { name: 'i1' }, { name: 'i2' }], containers: [{ name: 'a' }] };
    const progress = pod(spec, {
      phase: 'Pending',
      initContainerStatuses: [
        { name: 'i0', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        { name: 'i1', state: running },
        { name: 'i2', state: { waiting: { reason: 'PodInitializing' } } },
      ],
    });
    assert.deepEqual(podCells(progress, NOW), { ready: '0/1', status: 'Init:1/3', restarts: '0' });
    const failed = (terminated: object) =>
      podCells(pod(spec, { phase: 'Pending', initContainerStatuses: [{ name: 'i0', state: { terminated } }] }), NOW).status;
    assert.equal(failed({ exitCode: 1, reason: 'Error' }), 'Init:Error');
    assert.equal(failed({ exitCode: 1 }), 'Init:ExitCode:1');
    assert.equal(failed({ exitCode: 137, signal: 9 }), 'Init:Signal:9');
    const backoff = pod(spec, { phase: 'Pending', initContainerStatuses: [{ name: 'i0', state: { waiting: { reason: 'CrashLoopBackOff' } } }] });
    assert.equal(podCells(backoff, NOW).status, 'Init:CrashLoopBackOff');
    const initialized = pod({ initContainers: [{ name: 'i0' }], containers: [{ name: 'a' }] }, {
      phase: 'Pending',
      initContainerStatuses: [{ name: 'i0', state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
      containerStatuses: [{ name: 'a', state: { waiting: { reason: 'PodInitializing' } } }],
    });
    assert.equal(podCells(initialized, NOW).status, 'PodInitializing');
  });

  it('counts a started sidecar among the ready containers', () => {
    const p = pod(
      { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }], containers: [{ name: 'a' }] },
      {
        phase: 'Running',
        initContainerStatuses: [{ name: 'proxy', started: true, ready: true, state: running }],
        containerStatuses: [{ name: 'a', ready: true, state: running }],
      },
    );
    assert.deepEqual(podCells(p, NOW), { ready: '2/2', status: 'Running', restarts: '0' });
  });

  it('shows Terminating, Unknown for a lost node, and SchedulingGated', () => {
    const deleting = pod({ containers: [{ name: 'a' }] }, { phase: 'Running' }, ago(0));
    assert.equal(podCells(deleting, NOW).status, 'Terminating');
    const lost = pod({ containers: [{ name: 'a' }] }, { phase: 'Running', reason: 'NodeLost' }, ago(0));
    assert.equal(podCells(lost, NOW).status, 'Unknown');
    const gated = pod({ containers: [{ name: 'a' }] }, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] });
    assert.equal(podCells(gated, NOW).status, 'SchedulingGated');
  });
});

describe('AGE', async () => {
  const { humanDuration } = await import('../../src/apiserver/printers/duration.js');
  it('reads as upstream\'s HumanDuration', () => {
    const cases: [number, string][] = [
      [-3, '<invalid>'],
      [-1, '0s'],
      [0, '0s'],
      [90, '90s'],
      [119, '119s'],
      [150, '2m30s'],
      [600, '10m'],
      [659, '10m'],
      [3 * 3600 + 60, '3h1m'],
      [8 * 3600 + 59 * 60, '8h'],
      [49 * 3600, '2d1h'],
      [8 * 86400, '8d'],
      [(2 * 365 + 1) * 86400, '2y1d'],
      [9 * 365 * 86400, '9y'],
    ];
    for (const [seconds, text] of cases) assert.equal(humanDuration(seconds * 1000), text, `${seconds}s`);
  });
});
