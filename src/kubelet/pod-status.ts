// A pod's status as a kubelet reports it, computed from the states of its
// containers: phase, the five conditions in upstream's order (transition
// times kept while a condition holds), container statuses, and the
// addresses. The simulated runtime and the real one feed the same function.
import { withTransitionTime } from '../apiserver/registry/core/conditions.js';
import { timestamp } from '../apiserver/registry/generic-store.js';
import type { Pod, PodCondition } from '../apiserver/registry/core/types.js';

export type ContainerState =
  | { running: { startedAt: string } }
  | { waiting: { reason: string; message?: string } }
  | { terminated: { exitCode: number; reason: string; startedAt?: string; finishedAt?: string } };

export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  state: ContainerState;
  ready: boolean;
  started: boolean;
  restartCount: number;
}

export interface PodPlacement {
  hostIP: string;
  podIP: string;
  startTime: string;
}

function phaseOf(pod: Pod, containers: ContainerStatus[]): string {
  const terminated = containers.map((c) => ('terminated' in c.state ? c.state.terminated : undefined));
  if (containers.some((c) => 'running' in c.state)) return 'Running';
  if (containers.length && terminated.every((t) => t)) {
    if (pod.spec.restartPolicy === 'Always') return 'Running';
    if (terminated.every((t) => t!.exitCode === 0)) return 'Succeeded';
    if (pod.spec.restartPolicy === 'Never') return 'Failed';
  }
  return 'Pending';
}

export function podStatus(pod: Pod, containers: ContainerStatus[], placement: PodPlacement, now: Date): NonNullable<Pod['status']> {
  const previous = pod.status?.conditions ?? [];
  const at = timestamp(now);
  const condition = (type: string, holds: boolean, reason?: string): PodCondition =>
    withTransitionTime<PodCondition>(previous, { type, status: holds ? 'True' : 'False', lastProbeTime: null, ...(reason && !holds ? { reason } : {}) }, at);
  const allReady = containers.length > 0 && containers.every((c) => c.ready);
  const scheduled = previous.find((c) => c.type === 'PodScheduled');
  return {
    ...pod.status,
    phase: phaseOf(pod, containers),
    conditions: [
      condition('PodReadyToStartContainers', true),
      condition('Initialized', true),
      condition('Ready', allReady, 'ContainersNotReady'),
      condition('ContainersReady', allReady, 'ContainersNotReady'),
      scheduled ?? condition('PodScheduled', true),
    ],
    hostIP: placement.hostIP,
    hostIPs: [{ ip: placement.hostIP }],
    podIP: placement.podIP,
    podIPs: [{ ip: placement.podIP }],
    startTime: pod.status?.startTime ?? placement.startTime,
    containerStatuses: containers,
  };
}
