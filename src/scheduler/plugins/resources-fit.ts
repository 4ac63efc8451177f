// NodeResourcesFit: the pod's requests must fit in what the node has left
// of its allocatable resources, and one more pod must be allowed; nodes
// with more left over score higher (LeastAllocated on cpu and memory).
import { MAX_NODE_SCORE, type FilterPlugin, type ScorePlugin } from '../framework.js';

export const resourcesFitFilter: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter({ requests }, info) {
    const { allocatable, requested } = info;
    let reasons: string[] | undefined;
    const short = (reason: string) => (reasons ??= []).push(reason);
    if (info.pods.size + 1 > allocatable.pods) short('Too many pods');
    if (requests.cpu > 0 && requests.cpu > allocatable.cpu - requested.cpu) short('Insufficient cpu');
    if (requests.memory > 0 && requests.memory > allocatable.memory - requested.memory) short('Insufficient memory');
    if (requests.ephemeralStorage > 0 && requests.ephemeralStorage > allocatable.ephemeralStorage - requested.ephemeralStorage) {
      short('Insufficient ephemeral-storage');
    }
    for (const [resource, wanted] of requests.other ?? []) {
      if (wanted > 0 && wanted > allocatable.get(resource) - requested.get(resource)) short(`Insufficient ${resource}`);
    }
    return reasons ? { code: 'Unschedulable', reasons } : undefined;
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
    const cpu = leastAllocated(info.nonZeroRequested.cpu + nonZero.cpu, info.allocatable.cpu);
    const memory = leastAllocated(info.nonZeroRequested.memory + nonZero.memory, info.allocatable.memory);
    return Math.floor((cpu + memory) / 2);
  },
};
