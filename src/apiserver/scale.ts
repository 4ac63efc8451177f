// The scale subresource (deployments/NAME/scale and the like): an
// autoscaling/v1 Scale seen through the object's spec.replicas,
// status.replicas and spec.selector, as `kubectl scale` and autoscalers
// read and write it. Writing a Scale is an update of the object's
// spec.replicas, so the kind's own strategy (generation, validation) applies.
import type { KindRef, KubeObject } from './registry/types.js';
import { formatLabelSelector, type LabelSelector } from './selectors.js';

export const SCALE_KIND: KindRef = { group: 'autoscaling', version: 'v1', kind: 'Scale' };

type Scalable = KubeObject & { spec?: { replicas?: number; selector?: LabelSelector }; status?: { replicas?: number } };

export interface Scale extends KubeObject {
  spec?: { replicas?: number };
  status?: { replicas: number; selector?: string };
}

export function toScale(obj: KubeObject): Scale {
  const scalable = obj as Scalable;
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: scalable.spec?.replicas ?? 0 },
    status: { replicas: scalable.status?.replicas ?? 0, selector: formatLabelSelector(scalable.spec?.selector) },
  };
}

/** The object with the Scale's replicas, pinned to the Scale's resourceVersion when it names one. */
export function withScale(obj: KubeObject, scale: Scale): KubeObject {
  const scalable = obj as Scalable;
  const next: Scalable = { ...scalable, spec: { ...scalable.spec, replicas: scale.spec?.replicas ?? 0 } };
  next.metadata = { ...obj.metadata };
  if (scale.metadata.resourceVersion) next.metadata.resourceVersion = scale.metadata.resourceVersion;
  else delete next.metadata.resourceVersion;
  return next;
}
