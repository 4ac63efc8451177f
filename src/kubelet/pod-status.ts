// A pod's status as a kubelet reports it, computed from the states of its
// containers: phase (upstream's getPhase rules), the five conditions in
// upstream's order with their reasons and messages (transition times kept
// while a condition holds), init and app container statuses, and the
// addresses. The simulated runtime and the real one feed the same function.
import { withTransitionTime } from '../apiserver/registry/core/conditions.js';
import { timestamp } from '../apiserver/registry/generic-store.js';
import type { Pod, PodCondition } from '../apiserver/registry/core/types.js';

export interface TerminatedState {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  containerID?: string;
}

export type ContainerState = { running: { startedAt: string } } | { waiting: { reason: string; message?: string } } | { terminated: TerminatedState };

export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  state: ContainerState;
  lastState?: ContainerState | Record<string, never>;
  ready: boolean;
  started: boolean;
  restartCount: number;
}

export interface PodPlacement {
  hostIP: string;
  /** Unset until the sandbox has an address. */
  podIP?: string;
  startTime: string;
  /** The sandbox is up with its network (PodReadyToStartContainers). */
  sandboxReady?: boolean;
}

const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

/** The terminated state, if that is what `s` is. */
export const terminatedOf = (s: ContainerState | Record<string, never> | undefined) => (s && 'terminated' in s ? s.terminated : undefined);

function initFailed(pod: Pod, init: ContainerStatus[]): boolean {
  if (pod.spec.restartPolicy !== 'Never') return false;
  return init.some((c) => (terminatedOf(c.state)?.exitCode ?? 0) !== 0);
}

function phaseOf(pod: Pod, init: ContainerStatus[], containers: ContainerStatus[]): string {
  if (initFailed(pod, init)) return 'Failed';
  const initDone = (pod.spec.initContainers ?? []).every((spec) => terminatedOf(init.find((c) => c.name === spec.name)?.state)?.exitCode === 0);
  if (!initDone) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const spec of pod.spec.containers) {
    const c = containers.find((s) => s.name === spec.name);
    const terminated = terminatedOf(c?.state);
    if (c && 'running' in c.state) running++;
    else if (terminated) {
      stopped++;
      if (terminated.exitCode === 0) succeeded++;
    } else if (terminatedOf(c?.lastState)) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (pod.spec.restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (pod.spec.restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

export function podStatus(pod: Pod, init: ContainerStatus[], containers: ContainerStatus[], placement: PodPlacement, now: Date): NonNullable<Pod['status']> {
  const previous = pod.status?.conditions ?? [];
  const at = timestamp(now);
  const condition = (type: string, holds: boolean, reason?: string, message?: string): PodCondition =>
    withTransitionTime<PodCondition>(previous, { type, status: holds ? 'True' : 'False', lastProbeTime: null, ...(!holds && reason ? { reason } : {}), ...(!holds && message ? { message } : {}) }, at);
  const phase = phaseOf(pod, init, containers);
  const done = phase === 'Succeeded' || phase === 'Failed';
  const incomplete = (pod.spec.initContainers ?? []).filter((spec) => terminatedOf(init.find((c) => c.name === spec.name)?.state)?.exitCode !== 0).map((c) => c.name);
  const unready = pod.spec.containers.filter((spec) => !containers.find((c) => c.name === spec.name)?.ready).map((c) => c.name);
  const readyReason = phase === 'Succeeded' ? 'PodCompleted' : phase === 'Failed' ? 'PodFailed' : 'ContainersNotReady';
  const readyMessage = done ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const scheduled = previous.find((c) => c.type === 'PodScheduled');
  return {
    ...pod.status,
    phase,
    conditions: [
      condition('PodReadyToStartContainers', placement.sandboxReady ?? true),
      condition('Initialized', incomplete.length === 0, 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`),
      condition('Ready', unready.length === 0 && !done, readyReason, readyMessage),
      condition('ContainersReady', unready.length === 0 && !done, readyReason, readyMessage),
      scheduled ?? condition('PodScheduled', true),
      // Conditions other components own (DisruptionTarget, readiness gates) stay as they are.
      ...previous.filter((c) => !KUBELET_CONDITIONS.has(c.type)),
    ],
    hostIP: placement.hostIP,
    hostIPs: [{ ip: placement.hostIP }],
    ...(placement.podIP ? { podIP: placement.podIP, podIPs: [{ ip: placement.podIP }] } : {}),
    startTime: pod.status?.startTime ?? placement.startTime,
    ...(init.length ? { initContainerStatuses: init } : {}),
    containerStatuses: containers,
  };
}
