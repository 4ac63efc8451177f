// API types of policy/v1 (io.k8s.api.policy.v1), as data (see types.ts and
// the conventions in coordination-v1.ts). Only Eviction so far: what
// `kubectl drain` posts to pods/NAME/eviction.
import type { SchemaSet } from './types.js';

export const policyV1: SchemaSet = {
  'io.k8s.api.policy.v1.Eviction': {
    description: 'A request to evict a pod: a deletion that respects the disruption budgets protecting it.',
    gvk: { group: 'policy', version: 'v1', kind: 'Eviction' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, description: "Standard object metadata; the name and namespace are the pod's." },
      { json: 'deleteOptions', proto: 2, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions' }, description: 'How the pod is deleted (grace period, preconditions).' },
    ],
  },
};
