// NodeAffinity: spec.nodeSelector and required node affinity filter;
// preferred node affinity scores (the weights of the matching terms).
import { normalizeToMax, type FilterPlugin, type ScorePlugin } from '../framework.js';
import { matchesAnyTerm, matchesTerm } from '../node-selector.js';

export const nodeAffinityFilter: FilterPlugin = {
  name: 'NodeAffinity',
  filter({ pod }, info) {
    const node = info.node!;
    const labels = node.metadata.labels ?? {};
    const selectorOk = Object.entries(pod.spec.nodeSelector ?? {}).every(([k, v]) => labels[k] === v);
    const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    if (selectorOk && (!terms || matchesAnyTerm(terms, node))) return undefined;
    return { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"] };
  },
};

export const nodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  score({ pod }, info) {
    let total = 0;
    for (const p of pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (p.weight && matchesTerm(p.preference, info.node!)) total += p.weight;
    }
    return total;
  },
  skip: ({ pod }) => !pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length,
  normalize: (scores) => normalizeToMax(scores, false),
};
