// The scheduling framework's two plugin shapes. A filter says whether a pod
// may go on a node, and if not why (upstream's status codes: Unschedulable
// may change by preempting pods; UnschedulableAndUnresolvable may not). A
// score ranks the nodes that passed, 0-100 per plugin after normalizing,
// weighted and summed.
import type { NodeInfo } from './node-info.js';
import { nonZeroRequests, podRequests, type Amounts } from './resources.js';
import { hostPortsOf, controllerOf, type HostPort } from './node-info.js';
import type { Pod, Toleration } from '../apiserver/registry/core/types.js';

export type FailureCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Failure {
  code: FailureCode;
  /** Usually one; NodeResourcesFit names every resource that is short. */
  reasons: string[];
}

/** What every plugin reads about the pod being scheduled, computed once per attempt. */
export interface PodState {
  pod: Pod;
  requests: Amounts;
  nonZero: { cpu: number; memory: number };
  hostPorts: HostPort[];
  owner: string | undefined;
  /** Tolerations that can cover a PreferNoSchedule taint (that effect, or any). */
  preferNoScheduleTolerations: Toleration[];
}

export function podState(pod: Pod): PodState {
  return {
    pod,
    requests: podRequests(pod),
    nonZero: nonZeroRequests(pod),
    hostPorts: hostPortsOf(pod),
    owner: controllerOf(pod),
    preferNoScheduleTolerations: (pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule'),
  };
}

export interface FilterPlugin {
  readonly name: string;
  filter(state: PodState, node: NodeInfo): Failure | undefined;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  score(state: PodState, node: NodeInfo): number;
  /** True when the plugin would score every node alike for this pod (upstream's PreScore Skip). */
  skip?(state: PodState): boolean;
  /** Brings raw scores (one per feasible node) to 0-100, in place. */
  normalize?(scores: number[]): void;
}

export const MAX_NODE_SCORE = 100;

/** Scales scores so the highest becomes 100; `reverse` makes the lowest raw score best. */
export function normalizeToMax(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  for (let i = 0; i < scores.length; i++) {
    if (max === 0) scores[i] = reverse ? MAX_NODE_SCORE : 0;
    else {
      const scaled = Math.floor((MAX_NODE_SCORE * scores[i]!) / max);
      scores[i] = reverse ? MAX_NODE_SCORE - scaled : scaled;
    }
  }
}
