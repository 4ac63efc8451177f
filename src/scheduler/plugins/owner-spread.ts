// Spreading: among nodes that fit, prefer the one holding the fewest pods
// of the same controller (ReplicaSet, Job...), so replicas do not pile up
// on one node — the effect of upstream's default topology spreading across
// hostnames.
import { normalizeToMax, type ScorePlugin } from '../framework.js';

export const ownerSpreadScore: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  score({ owner }, info) {
    return owner ? (info.byOwner.get(owner) ?? 0) : 0;
  },
  skip: ({ owner }) => owner === undefined,
  normalize: (scores) => normalizeToMax(scores, true),
};
