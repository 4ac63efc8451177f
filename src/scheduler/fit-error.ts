// The "0/N nodes are available: ..." text kube-scheduler writes into the
// PodScheduled condition and the FailedScheduling event: each node's
// reason counted, "<count> <reason>" strings sorted, then what preemption
// found. Nothing is preempted here (no pod outranks another without
// PriorityClasses), so the preemption part says why not, as upstream's does
// when it finds no victims.
import type { Failure } from './framework.js';

export const NO_NODES = 'no nodes available to schedule pods';

function histogram(reasons: Iterable<string>, total: number): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
  return `0/${total} nodes are available: ${parts.join(', ')}.`;
}

/** `failures` holds one entry per node that was tried and refused. */
export function fitErrorMessage(failures: Failure[], totalNodes: number, preemptionPolicy: string | undefined): string {
  const filters = histogram(
    failures.flatMap((f) => f.reasons),
    totalNodes,
  );
  if (preemptionPolicy === 'Never') return `${filters} preemption: not eligible due to preemptionPolicy=Never.`;
  // Nodes refused for what no eviction can change are not worth preempting on; on the others there is no lower-priority pod to evict.
  const preemption = histogram(
    failures.map((f) => (f.code === 'UnschedulableAndUnresolvable' ? 'Preemption is not helpful for scheduling' : 'No preemption victims found for incoming pod')),
    totalNodes,
  );
  return `${filters} preemption: ${preemption}`;
}
