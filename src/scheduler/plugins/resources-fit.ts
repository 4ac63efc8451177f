// NodeResourcesFit: the pod's requests must fit in what the node has left
// of its allocatable resources, and one more pod must be allowed; nodes
// with more left over score higher (LeastAllocated on cpu and memory).
import { MAX_NODE_SCORE, type FilterPlugin, type ScorePlugin } from '../framework.js';

export const resourcesFitFilter: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter({ requests }, info) {
    const reasons: string[] = [];
    if (info.pods.size + 1 > (info.allocatable.get('pods') ?? 0)) reasons.push('Too many pods');
    for (const [resource, wanted] of requests) {
      if (wanted <= 0) continue;
      const free = (info.allocatable.get(resource) ?? 0) - (info.requested.get(resource) ?? 0);
      if (wanted > free) reasons.push(`Insufficient ${resource}`);
    }
    return reasons.length ? { code: 'Unschedulable', reasons } : undefined;
  },
};

function leastAllocated(requested: number, allocatable: number): number {
  if (allocatable <= 0 || requested > allocatable) return 0;
  return Math.floor(((allocatable - requested) * MAX_NODE_SCORE) / allocatable);
}

export const leastAllocatedScore: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score({ nonZero }, info) {
    const cpu = leastAllocated(info.nonZeroRequested.cpu + nonZero.cpu, info.allocatable.get('cpu') ?? 0);
    const memory = leastAllocated(info.nonZeroRequested.memory + nonZero.memory, info.allocatable.get('memory') ?? 0);
    return Math.floor((cpu + memory) / 2);
  },
};
