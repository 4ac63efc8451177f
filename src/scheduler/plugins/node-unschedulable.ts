// NodeUnschedulable: a cordoned node takes only pods that tolerate its
// node.kubernetes.io/unschedulable:NoSchedule taint.
import type { FilterPlugin } from '../framework.js';
import { tolerated } from '../tolerations.js';

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' as const };

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter({ pod }, node) {
    if (!node.node?.spec?.unschedulable || tolerated(pod.spec.tolerations, UNSCHEDULABLE_TAINT)) return undefined;
    return { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] };
  },
};
