// NodeName: a pod that names its node may only go there.
import type { FilterPlugin } from '../framework.js';

export const nodeName: FilterPlugin = {
  name: 'NodeName',
  filter({ pod }, node) {
    if (!pod.spec.nodeName || pod.spec.nodeName === node.name) return undefined;
    return { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match the requested node name"] };
  },
};
