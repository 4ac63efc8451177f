// A Job's podFailurePolicy applied to one failed pod: the first rule that
// matches its containers' exit codes or its conditions decides whether the
// failure fails the whole job (FailJob), is not counted (Ignore) or counts
// against backoffLimit (Count, and no rule matching), or fails the pod's
// index (FailIndex, with backoffLimitPerIndex).
import type { PodFailurePolicyRule } from '../apiserver/registry/batch/job-spec.js';
import type { Pod } from '../apiserver/registry/core/types.js';

export interface FailureDecision {
  action: 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';
  /** Why the job fails, for FailJob: the condition's message. */
  message?: string;
}

type ContainerStatus = { name: string; state?: { terminated?: { exitCode?: number } } };

/** The first container (init containers first) that failed with an exit code the requirement matches. */
function exitCodeMatch(pod: Pod, req: NonNullable<PodFailurePolicyRule['onExitCodes']>): ContainerStatus | undefined {
  const statuses = [...((pod.status?.initContainerStatuses as ContainerStatus[]) ?? []), ...((pod.status?.containerStatuses as ContainerStatus[]) ?? [])];
  const values = req.values ?? [];
  return statuses.find((c) => {
    const code = c.state?.terminated?.exitCode;
    if (code === undefined || code === 0) return false;
    if (req.containerName !== undefined && c.name !== req.containerName) return false;
    return req.operator === 'In' ? values.includes(code) : req.operator === 'NotIn' && !values.includes(code);
  });
}

export function podFailureDecision(rules: PodFailurePolicyRule[], pod: Pod): FailureDecision {
  const who = `${pod.metadata.namespace}/${pod.metadata.name}`;
  for (const [i, rule] of rules.entries()) {
    let reason: string | undefined;
    if (rule.onExitCodes) {
      const c = exitCodeMatch(pod, rule.onExitCodes);
      if (c) reason = `Container ${c.name} for pod ${who} failed with exit code ${c.state!.terminated!.exitCode} matching ${rule.action} rule at index ${i}`;
    } else {
      const pattern = rule.onPodConditions?.find((p) => pod.status?.conditions?.some((c) => c.type === p.type && c.status === (p.status ?? 'True')));
      if (pattern) reason = `Pod ${who} has condition ${pattern.type} matching ${rule.action} rule at index ${i}`;
    }
    if (reason === undefined) continue;
    if (rule.action === 'FailJob') return { action: 'FailJob', message: reason };
    if (rule.action === 'Ignore') return { action: 'Ignore' };
    if (rule.action === 'FailIndex') return { action: 'FailIndex' };
    return { action: 'Count' };
  }
  return { action: 'Count' };
}
