// TaintToleration: a NoSchedule or NoExecute taint the pod does not
// tolerate keeps it off the node; untolerated PreferNoSchedule taints make
// a node less attractive.
import { normalizeToMax, type FilterPlugin, type ScorePlugin } from '../framework.js';
import { tolerated } from '../tolerations.js';

export const taintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  filter({ pod }, info) {
    const taints = info.node?.spec?.taints;
    if (!taints) return undefined;
    for (const taint of taints) {
      if (taint.effect === 'PreferNoSchedule' || tolerated(pod.spec.tolerations, taint)) continue;
      return { code: 'UnschedulableAndUnresolvable', reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`] };
    }
    return undefined;
  },
};

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score({ preferNoScheduleTolerations }, info) {
    let untolerated = 0;
    for (const t of info.node?.spec?.taints ?? []) if (t.effect === 'PreferNoSchedule' && !tolerated(preferNoScheduleTolerations, t)) untolerated++;
    return untolerated;
  },
  normalize: (scores) => normalizeToMax(scores, true),
};
