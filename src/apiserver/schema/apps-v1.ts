// API types of apps/v1 (io.k8s.api.apps.v1), as data (see types.ts and the
// conventions in coordination-v1.ts): the workloads Deployment, ReplicaSet,
// DaemonSet and StatefulSet, and the ControllerRevision snapshots the last
// two keep their history in. Pod templates are core/v1's PodTemplateSpec.
import type { FieldDef, SchemaSet } from './types.js';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const APPS = 'io.k8s.api.apps.v1';

/** The envelope every workload shares: metadata, spec, status at 1, 2, 3. */
function workload(kind: string, description: string, spec: string, status: string): SchemaSet[string] {
  return {
    description,
    gvk: { group: 'apps', version: 'v1', kind },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: `${META}.ObjectMeta` }, description: 'Standard object metadata.' },
      { json: 'spec', proto: 2, type: { ref: `${APPS}.${kind}Spec` }, description: spec },
      { json: 'status', proto: 3, type: { ref: `${APPS}.${kind}Status` }, description: status },
    ],
  };
}

/** A workload's condition: type and status, then when and why (Deployment adds lastUpdateTime). */
function condition(subject: string): SchemaSet[string] {
  return {
    description: `One observation about a ${subject}.`,
    fields: [
      { json: 'type', proto: 1, type: 'string', required: true, description: 'The kind of condition.' },
      { json: 'status', proto: 2, type: 'string', required: true, description: 'Whether the condition holds. One of True, False, Unknown.' },
      { json: 'lastTransitionTime', proto: 3, type: 'Time', description: 'When the status last changed.' },
      { json: 'reason', proto: 4, type: 'string', description: 'A short CamelCase word saying why the status last changed.' },
      { json: 'message', proto: 5, type: 'string', description: 'A human-readable explanation of the last change.' },
    ],
  };
}

const conditions = (kind: string, proto: number, subject: string): FieldDef => ({
  json: 'conditions',
  proto,
  type: { list: { ref: `${APPS}.${kind}Condition` } },
  patchMergeKey: 'type',
  patchStrategy: 'merge',
  listType: 'map',
  listMapKeys: ['type'],
  description: `The latest observations of the ${subject}'s state, one per condition type.`,
});

const selector = (owner: string): FieldDef => ({
  json: 'selector',
  proto: 2,
  type: { ref: `${META}.LabelSelector` },
  required: true,
  description: `Which pods belong to the ${owner}. Must match the template's labels, and cannot be changed after creation.`,
});

const TEMPLATE_ALWAYS = 'The only restartPolicy a template may have is Always.';

export const appsV1: SchemaSet = {
  [`${APPS}.Deployment`]: workload(
    'Deployment',
    'Declarative updates for a set of identical pods: the deployment keeps one ReplicaSet per version of its pod template and moves pods from the old versions to the new one by its strategy.',
    'The desired state: how many pods, from which template, and how to roll out a new template.',
    'The most recently observed state of the rollout, written by the deployment controller.',
  ),
  [`${APPS}.DeploymentSpec`]: {
    description: 'The desired state of a deployment.',
    fields: [
      { json: 'replicas', proto: 1, type: 'int32', description: 'How many pods should run. Defaults to 1; unset and 0 differ.' },
      selector('deployment'),
      { json: 'template', proto: 3, type: { ref: 'io.k8s.api.core.v1.PodTemplateSpec' }, required: true, description: `The pods to run. ${TEMPLATE_ALWAYS}` },
      { json: 'strategy', proto: 4, type: { ref: `${APPS}.DeploymentStrategy` }, patchStrategy: 'retainKeys', description: 'How pods of an old template are replaced by pods of a new one.' },
      { json: 'minReadySeconds', proto: 5, type: 'int32', description: 'How long a new pod must be ready, with no container crashing, before it counts as available. Defaults to 0: available as soon as ready.' },
      { json: 'revisionHistoryLimit', proto: 6, type: 'int32', description: 'How many old ReplicaSets to keep for rolling back. Defaults to 10.' },
      { json: 'paused', proto: 7, type: 'boolean', description: 'Stops the controller from rolling out template changes until unset.' },
      { json: 'progressDeadlineSeconds', proto: 9, type: 'int32', description: 'How long a rollout may go without progress before the deployment reports it as failed (condition Progressing, reason ProgressDeadlineExceeded). Not measured while paused. Defaults to 600.' },
      { json: 'podReplacementPolicy', proto: 10, type: 'string', description: 'When replacement pods are created: TerminationStarted (as soon as old pods start terminating, so the total may exceed replicas) or TerminationComplete (only once they have terminated). Unset, Recreate waits for termination during a rollout and RollingUpdate does not. Alpha, behind DeploymentPodReplacementPolicy.' },
    ],
  },
  [`${APPS}.DeploymentStrategy`]: {
    description: 'How a deployment replaces pods of an old template.',
    fields: [
      { json: 'type', proto: 1, type: 'string', description: 'Recreate (stop all old pods, then start new ones) or RollingUpdate (replace them gradually). Defaults to RollingUpdate.' },
      { json: 'rollingUpdate', proto: 2, type: { ref: `${APPS}.RollingUpdateDeployment` }, description: 'The pace of a rolling update; only with type RollingUpdate.' },
    ],
  },
  [`${APPS}.RollingUpdateDeployment`]: {
    description: 'The bounds a rolling update of a deployment keeps to.',
    fields: [
      { json: 'maxUnavailable', proto: 1, type: 'IntOrString', description: 'How many of the desired pods may be unavailable during the update: a number or a percentage of replicas (rounded down). Cannot be 0 when maxSurge is 0. Defaults to 25%.' },
      { json: 'maxSurge', proto: 2, type: 'IntOrString', description: 'How many pods may exist beyond the desired count during the update: a number or a percentage of replicas (rounded up). Cannot be 0 when maxUnavailable is 0. Defaults to 25%.' },
    ],
  },
  [`${APPS}.DeploymentStatus`]: {
    description: 'The observed state of a deployment.',
    fields: [
      { json: 'observedGeneration', proto: 1, type: 'int64', description: 'The metadata.generation the controller last acted on.' },
      { json: 'replicas', proto: 2, type: 'int32', description: "Non-terminating pods selected by the deployment's selector." },
      { json: 'updatedReplicas', proto: 3, type: 'int32', description: 'Non-terminating pods that run the current template.' },
      { json: 'readyReplicas', proto: 7, type: 'int32', description: 'Non-terminating pods whose Ready condition is True.' },
      { json: 'availableReplicas', proto: 4, type: 'int32', description: 'Non-terminating pods ready for at least minReadySeconds.' },
      { json: 'unavailableReplicas', proto: 5, type: 'int32', description: 'How many pods are still missing for full availability: running but not yet available, or not created yet.' },
      { json: 'terminatingReplicas', proto: 9, type: 'int32', description: 'Selected pods that are terminating (have a deletionTimestamp). Alpha, behind DeploymentPodReplacementPolicy.' },
      conditions('Deployment', 6, 'deployment'),
      { json: 'collisionCount', proto: 8, type: 'int32', description: 'Counts name collisions of new ReplicaSets; the controller mixes it into the next name.' },
    ],
  },
  [`${APPS}.DeploymentCondition`]: {
    description: 'One observation about a deployment, such as Available or Progressing.',
    fields: [
      { json: 'type', proto: 1, type: 'string', required: true, description: 'The kind of condition: Available, Progressing or ReplicaFailure.' },
      { json: 'status', proto: 2, type: 'string', required: true, description: 'Whether the condition holds. One of True, False, Unknown.' },
      { json: 'lastUpdateTime', proto: 6, type: 'Time', description: 'When the condition was last written.' },
      { json: 'lastTransitionTime', proto: 7, type: 'Time', description: 'When the status last changed.' },
      { json: 'reason', proto: 4, type: 'string', description: 'A short CamelCase word saying why the status last changed.' },
      { json: 'message', proto: 5, type: 'string', description: 'A human-readable explanation of the last change.' },
    ],
  },

  [`${APPS}.ReplicaSet`]: workload(
    'ReplicaSet',
    'Keeps a given number of pods from one template running. Usually owned by a Deployment, one per template version.',
    'The desired state: how many pods, and from which template.',
    'The most recently observed number of pods, written by the replica set controller.',
  ),
  [`${APPS}.ReplicaSetSpec`]: {
    description: 'The desired state of a replica set.',
    fields: [
      { json: 'replicas', proto: 1, type: 'int32', description: 'How many pods should run. Defaults to 1; unset and 0 differ.' },
      { json: 'minReadySeconds', proto: 4, type: 'int32', description: 'How long a new pod must be ready, with no container crashing, before it counts as available. Defaults to 0.' },
      selector('replica set'),
      { json: 'template', proto: 3, type: { ref: 'io.k8s.api.core.v1.PodTemplateSpec' }, description: `The pods created when too few exist. ${TEMPLATE_ALWAYS}` },
    ],
  },
  [`${APPS}.ReplicaSetStatus`]: {
    description: 'The observed state of a replica set.',
    fields: [
      { json: 'replicas', proto: 1, type: 'int32', required: true, description: 'Non-terminating pods selected by the replica set.' },
      { json: 'fullyLabeledReplicas', proto: 2, type: 'int32', description: "Non-terminating pods that carry all of the template's labels." },
      { json: 'readyReplicas', proto: 4, type: 'int32', description: 'Non-terminating pods whose Ready condition is True.' },
      { json: 'availableReplicas', proto: 5, type: 'int32', description: 'Non-terminating pods ready for at least minReadySeconds.' },
      { json: 'terminatingReplicas', proto: 7, type: 'int32', description: 'Selected pods that are terminating (have a deletionTimestamp). Alpha, behind DeploymentPodReplacementPolicy.' },
      { json: 'observedGeneration', proto: 3, type: 'int64', description: 'The metadata.generation the controller last acted on.' },
      conditions('ReplicaSet', 6, 'replica set'),
    ],
  },
  [`${APPS}.ReplicaSetCondition`]: condition('replica set'),

  [`${APPS}.DaemonSet`]: workload(
    'DaemonSet',
    'Runs one pod from a template on every node that the template can schedule to (all nodes, or those its node selector and affinity pick).',
    'The desired state: which pods, and how to roll out a new template.',
    'The most recently observed state of the daemon pods, written by the daemon set controller.',
  ),
  [`${APPS}.DaemonSetSpec`]: {
    description: 'The desired state of a daemon set.',
    fields: [
      { json: 'selector', proto: 1, type: { ref: `${META}.LabelSelector` }, required: true, description: "Which pods belong to the daemon set. Must match the template's labels." },
      { json: 'template', proto: 2, type: { ref: 'io.k8s.api.core.v1.PodTemplateSpec' }, required: true, description: `The pod to run on each eligible node. ${TEMPLATE_ALWAYS}` },
      { json: 'updateStrategy', proto: 3, type: { ref: `${APPS}.DaemonSetUpdateStrategy` }, description: 'How daemon pods of an old template are replaced.' },
      { json: 'minReadySeconds', proto: 4, type: 'int32', description: 'How long a new pod must be ready, with no container crashing, before it counts as available. Defaults to 0.' },
      { json: 'revisionHistoryLimit', proto: 6, type: 'int32', description: 'How many old ControllerRevisions to keep for rolling back. Defaults to 10.' },
    ],
  },
  [`${APPS}.DaemonSetUpdateStrategy`]: {
    description: 'How a daemon set replaces pods of an old template.',
    fields: [
      { json: 'type', proto: 1, type: 'string', description: 'RollingUpdate (replace pods node by node) or OnDelete (only when a pod is deleted by hand). Defaults to RollingUpdate.' },
      { json: 'rollingUpdate', proto: 2, type: { ref: `${APPS}.RollingUpdateDaemonSet` }, description: 'The pace of a rolling update; only with type RollingUpdate.' },
    ],
  },
  [`${APPS}.RollingUpdateDaemonSet`]: {
    description: 'The bounds a rolling update of a daemon set keeps to.',
    fields: [
      { json: 'maxUnavailable', proto: 1, type: 'IntOrString', description: 'How many nodes may be without an available daemon pod during the update: a number or a percentage of desiredNumberScheduled (rounded up). Cannot be 0 when maxSurge is 0. Defaults to 1.' },
      { json: 'maxSurge', proto: 2, type: 'IntOrString', description: 'How many nodes may run a new pod beside the old one until the new one is available: a number or a percentage (rounded up, at least 1). Cannot be 0 when maxUnavailable is 0. Defaults to 0.' },
    ],
  },
  [`${APPS}.DaemonSetStatus`]: {
    description: 'The observed state of a daemon set.',
    fields: [
      { json: 'currentNumberScheduled', proto: 1, type: 'int32', required: true, description: 'Nodes that should run the daemon pod and run at least one.' },
      { json: 'numberMisscheduled', proto: 2, type: 'int32', required: true, description: 'Nodes that run the daemon pod but should not.' },
      { json: 'desiredNumberScheduled', proto: 3, type: 'int32', required: true, description: 'Nodes that should run the daemon pod, whether or not they do.' },
      { json: 'numberReady', proto: 4, type: 'int32', required: true, description: 'Nodes that should run the daemon pod and have one whose Ready condition is True.' },
      { json: 'observedGeneration', proto: 5, type: 'int64', description: 'The metadata.generation the controller last acted on.' },
      { json: 'updatedNumberScheduled', proto: 6, type: 'int32', description: 'Nodes that run a daemon pod of the current template.' },
      { json: 'numberAvailable', proto: 7, type: 'int32', description: 'Nodes that should run the daemon pod and have one ready for at least minReadySeconds.' },
      { json: 'numberUnavailable', proto: 8, type: 'int32', description: 'Nodes that should run the daemon pod and have none available.' },
      { json: 'collisionCount', proto: 9, type: 'int32', description: 'Counts name collisions of new ControllerRevisions; the controller mixes it into the next name.' },
      conditions('DaemonSet', 10, 'daemon set'),
    ],
  },
  [`${APPS}.DaemonSetCondition`]: condition('daemon set'),

  [`${APPS}.StatefulSet`]: workload(
    'StatefulSet',
    'Runs pods from one template with stable identities: each pod has an ordinal, a stable network name and its own persistent volume claims that follow it across rescheduling.',
    'The desired state: how many pods, from which template, with which claims and update strategy.',
    'The most recently observed state of the pods, written by the stateful set controller.',
  ),
  [`${APPS}.StatefulSetSpec`]: {
    description: 'The desired state of a stateful set.',
    fields: [
      { json: 'replicas', proto: 1, type: 'int32', description: 'How many pods should run. Defaults to 1.' },
      selector('stateful set'),
      { json: 'template', proto: 3, type: { ref: 'io.k8s.api.core.v1.PodTemplateSpec' }, required: true, description: `The pods to run; each is named <set name>-<ordinal>. ${TEMPLATE_ALWAYS}` },
      { json: 'volumeClaimTemplates', proto: 4, type: { list: { ref: 'io.k8s.api.core.v1.PersistentVolumeClaim' } }, listType: 'atomic', description: "Claims made for each pod and mounted by name; each must match a volumeMount in the template, and takes precedence over a template volume of the same name." },
      { json: 'serviceName', proto: 5, type: 'string', required: true, description: "The headless service that gives the pods their DNS names (<pod>.<service>.<namespace>.svc)." },
      { json: 'podManagementPolicy', proto: 6, type: 'string', description: 'OrderedReady (create pods one at a time in ordinal order, each after the previous is ready, and remove them in reverse) or Parallel (all at once). Defaults to OrderedReady.' },
      { json: 'updateStrategy', proto: 7, type: { ref: `${APPS}.StatefulSetUpdateStrategy` }, description: 'How pods of an old template are replaced.' },
      { json: 'revisionHistoryLimit', proto: 8, type: 'int32', description: 'How many old ControllerRevisions to keep. Defaults to 10.' },
      { json: 'minReadySeconds', proto: 9, type: 'int32', description: 'How long a new pod must be ready, with no container crashing, before it counts as available. Defaults to 0.' },
      { json: 'persistentVolumeClaimRetentionPolicy', proto: 10, type: { ref: `${APPS}.StatefulSetPersistentVolumeClaimRetentionPolicy` }, description: 'Whether claims made from volumeClaimTemplates are deleted with the set or when it scales down. By default they are kept.' },
      { json: 'ordinals', proto: 11, type: { ref: `${APPS}.StatefulSetOrdinals` }, description: 'How pods are numbered; by default from 0.' },
    ],
  },
  [`${APPS}.StatefulSetUpdateStrategy`]: {
    description: 'How a stateful set replaces pods of an old template.',
    fields: [
      { json: 'type', proto: 1, type: 'string', description: 'RollingUpdate (replace pods in reverse ordinal order) or OnDelete (only when a pod is deleted by hand). Defaults to RollingUpdate.' },
      { json: 'rollingUpdate', proto: 2, type: { ref: `${APPS}.RollingUpdateStatefulSetStrategy` }, description: 'The bounds of a rolling update; only with type RollingUpdate.' },
    ],
  },
  [`${APPS}.RollingUpdateStatefulSetStrategy`]: {
    description: 'The bounds a rolling update of a stateful set keeps to.',
    fields: [
      { json: 'partition', proto: 1, type: 'int32', description: 'Only pods with an ordinal at or above this are updated; lower ones keep the old template (a canary). Defaults to 0.' },
      { json: 'maxUnavailable', proto: 2, type: 'IntOrString', description: 'How many pods may be unavailable during the update: a number or a percentage of replicas (rounded up); cannot be 0. Defaults to 1. Alpha, behind MaxUnavailableStatefulSet.' },
    ],
  },
  [`${APPS}.StatefulSetPersistentVolumeClaimRetentionPolicy`]: {
    description: 'What happens to the claims made from volumeClaimTemplates.',
    fields: [
      { json: 'whenDeleted', proto: 1, type: 'string', description: 'When the stateful set is deleted: Retain (keep the claims, the default) or Delete.' },
      { json: 'whenScaled', proto: 2, type: 'string', description: 'When the stateful set scales down, for the pods removed: Retain (the default) or Delete.' },
    ],
  },
  [`${APPS}.StatefulSetOrdinals`]: {
    description: 'How the pods of a stateful set are numbered.',
    fields: [
      { json: 'start', proto: 1, type: 'int32', description: 'The first ordinal: pods are numbered from start to start+replicas-1. Defaults to 0.' },
    ],
  },
  [`${APPS}.StatefulSetStatus`]: {
    description: 'The observed state of a stateful set.',
    fields: [
      { json: 'observedGeneration', proto: 1, type: 'int64', description: 'The metadata.generation the controller last acted on.' },
      { json: 'replicas', proto: 2, type: 'int32', required: true, description: 'Pods created by the controller.' },
      { json: 'readyReplicas', proto: 3, type: 'int32', description: 'Pods whose Ready condition is True.' },
      { json: 'currentReplicas', proto: 4, type: 'int32', description: 'Pods of the revision named in currentRevision.' },
      { json: 'updatedReplicas', proto: 5, type: 'int32', description: 'Pods of the revision named in updateRevision.' },
      { json: 'currentRevision', proto: 6, type: 'string', description: 'The revision of the pods with the lowest ordinals, [0, currentReplicas).' },
      { json: 'updateRevision', proto: 7, type: 'string', description: 'The revision the pods are being updated to, those in [replicas-updatedReplicas, replicas).' },
      { json: 'collisionCount', proto: 9, type: 'int32', description: 'Counts name collisions of new ControllerRevisions; the controller mixes it into the next name.' },
      conditions('StatefulSet', 10, 'stateful set'),
      { json: 'availableReplicas', proto: 11, type: 'int32', description: 'Pods ready for at least minReadySeconds.' },
    ],
  },
  [`${APPS}.StatefulSetCondition`]: condition('stateful set'),

  [`${APPS}.ControllerRevision`]: {
    description: 'An immutable snapshot of state a controller keeps to update and roll back (DaemonSets and StatefulSets keep their template history so). Once created its data cannot change; it may only be deleted. Mainly for controllers.',
    gvk: { group: 'apps', version: 'v1', kind: 'ControllerRevision' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: `${META}.ObjectMeta` }, description: 'Standard object metadata.' },
      { json: 'data', proto: 2, type: 'Object', description: 'The snapshot, as the controller serialized it.' },
      { json: 'revision', proto: 3, type: 'int64', required: true, description: 'Which revision of the state the data is.' },
    ],
  },
};
