// API types of autoscaling/v1 (io.k8s.api.autoscaling.v1), as data (see
// types.ts). Only Scale so far: what a workload's scale subresource reads
// and writes (kubectl scale).
import type { SchemaSet } from './types.js';

export const autoscalingV1: SchemaSet = {
  'io.k8s.api.autoscaling.v1.Scale': {
    description: 'The size of a scalable object (a Deployment, ReplicaSet or StatefulSet), as read and written through its scale subresource.',
    gvk: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, description: "Standard object metadata; the name and namespace are the scaled object's." },
      { json: 'spec', proto: 2, type: { ref: 'io.k8s.api.autoscaling.v1.ScaleSpec' }, description: 'The size wanted.' },
      { json: 'status', proto: 3, type: { ref: 'io.k8s.api.autoscaling.v1.ScaleStatus' }, description: 'The size observed; read-only.' },
    ],
  },
  'io.k8s.api.autoscaling.v1.ScaleSpec': {
    description: 'The size wanted for a scalable object.',
    fields: [{ json: 'replicas', proto: 1, type: 'int32', description: 'How many instances the object should have.' }],
  },
  'io.k8s.api.autoscaling.v1.ScaleStatus': {
    description: 'The size observed of a scalable object.',
    fields: [
      { json: 'replicas', proto: 1, type: 'int32', required: true, description: 'How many instances the object has.' },
      { json: 'selector', proto: 2, type: 'string', description: "The object's pod selector in the ?labelSelector= syntax (e.g. app=web,tier in (a,b)), as autoscalers query its pods." },
    ],
  },
};
