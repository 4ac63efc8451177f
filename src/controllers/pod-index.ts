// The shared pod informer, indexed by the node each pod is bound to: how
// node-level components (node lifecycle, taint eviction, kubelets) find
// "the pods on node N" without scanning every pod.
import { PODS } from '../client/client.js';
import type { Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import type { Pod } from '../apiserver/registry/core/types.js';

export const NODE_NAME_INDEX = 'spec.nodeName';

export function podsByNode(informers: Informers): Informer<Pod> {
  const pods = informers.for<Pod>(PODS);
  if (!pods.hasIndex(NODE_NAME_INDEX)) pods.addIndex(NODE_NAME_INDEX, (pod) => (pod.spec.nodeName ? [pod.spec.nodeName] : []));
  return pods;
}
