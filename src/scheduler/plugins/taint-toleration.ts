// TaintToleration: a NoSchedule or NoExecute taint the pod does not
// tolerate keeps it off the node; untolerated PreferNoSchedule taints make
// a node less attractive.
import { normalizeToMax, type FilterPlugin, type ScorePlugin } from '../framework.js';
import { tolerated } from '../tolerations.js';

export const taintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  filter({ pod }, info) {
    for (const taint of info.node?.spec?.taints ?? []) {
      if (taint.effect === 'PreferNoSchedule' || tolerated(pod.spec.tolerations, taint)) continue;
      return { code: 'UnschedulableAndUnresolvable', reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`] };
    }
    return undefined;
  },
};

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score({ pod }, info) {
    const preferNoSchedule = (pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    return (info.node?.spec?.taints ?? []).filter((t) => t.effect === 'PreferNoSchedule' && !tolerated(preferNoSchedule, t)).length;
  },
  normalize: (scores) => normalizeToMax(scores, true),
};
