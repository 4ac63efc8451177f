// core/v1 Pod: upstream's defaulting, the validation kubectl users meet
// first, the update rule ("pod updates may not change fields other than
// ..."), and the printer's columns.
import { isDeepStrictEqual } from 'node:util';
import { age } from '../../printers/duration.js';
import { podCells, type PodLike } from '../../printers/pod-status.js';
import type { StatusCause } from '../../status.js';
import type { KubeObject, ResourceType } from '../types.js';
import { checkLabel, invalidValue, required } from '../validation.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';

interface Container {
  name?: string;
  image?: string;
  imagePullPolicy?: string;
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  resources?: Record<string, unknown>;
  ports?: { containerPort?: number; protocol?: string }[];
  [field: string]: unknown;
}

interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  dnsPolicy?: string;
  schedulerName?: string;
  securityContext?: Record<string, unknown>;
  enableServiceLinks?: boolean;
  priority?: number;
  preemptionPolicy?: string;
  nodeName?: string;
  tolerations?: unknown[];
  activeDeadlineSeconds?: number;
  [field: string]: unknown;
}

type Pod = KubeObject & { spec?: PodSpec; status?: Record<string, unknown> & { podIP?: string; podIPs?: { ip: string }[]; nominatedNodeName?: string } };

/** Upstream's rule: an untagged or :latest image is pulled every time. */
function defaultPullPolicy(image: string | undefined): string {
  if (!image) return 'IfNotPresent';
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastPart.includes('@') ? undefined : lastPart.split(':')[1];
  if (image.includes('@')) return 'IfNotPresent';
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: Container): void {
  c.imagePullPolicy ??= defaultPullPolicy(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
}

function validateContainers(list: Container[] | undefined, path: string, names: Set<string>): StatusCause[] {
  const causes: StatusCause[] = [];
  (list ?? []).forEach((c, i) => {
    const at = `${path}[${i}]`;
    if (!c.name) causes.push(required(`${at}.name`));
    else {
      causes.push(...checkLabel(`${at}.name`, c.name));
      if (names.has(c.name)) causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: ${JSON.stringify(c.name)}`, field: `${at}.name` });
      names.add(c.name);
    }
    if (!c.image) causes.push(required(`${at}.image`));
    for (const [j, p] of (c.ports ?? []).entries()) {
      if (p.containerPort === undefined) causes.push(required(`${at}.ports[${j}].containerPort`));
      else if (!Number.isInteger(p.containerPort) || p.containerPort < 1 || p.containerPort > 65535) {
        causes.push(invalidValue(`${at}.ports[${j}].containerPort`, p.containerPort, 'must be between 1 and 65535, inclusive'));
      }
    }
  });
  return causes;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

/** What may change on a pod after creation: images, activeDeadlineSeconds, added tolerations. */
function mutableView(spec: PodSpec | undefined): unknown {
  const clean = structuredClone(spec ?? {});
  for (const c of [...(clean.containers ?? []), ...(clean.initContainers ?? [])]) delete c.image;
  delete clean.activeDeadlineSeconds;
  delete clean.tolerations;
  return clean;
}

export const pods: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  resource: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  categories: ['all'],
  namespaced: true,
  subresources: ['status'],
  strategy: {
    prepareForCreate(obj) {
      obj.status = { phase: 'Pending', qosClass: 'BestEffort' };
    },
    prepareForUpdate(obj, old) {
      obj.status = old.status;
    },
    defaults(obj) {
      const spec = ((obj as Pod).spec ??= {});
      spec.restartPolicy ??= 'Always';
      spec.terminationGracePeriodSeconds ??= 30;
      spec.dnsPolicy ??= 'ClusterFirst';
      spec.securityContext ??= {};
      spec.schedulerName ??= 'default-scheduler';
      spec.enableServiceLinks ??= true;
      spec.priority ??= 0;
      spec.preemptionPolicy ??= 'PreemptLowerPriority';
      for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) defaultContainer(c);
    },
    // A pod on a node waits for its kubelet to stop the containers; one never scheduled,
    // or already finished, or deleted with grace period 0, goes at once.
    beginDeletion(obj, requested) {
      const pod = obj as Pod;
      const phase = pod.status?.phase;
      const grace = requested ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
      if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed' || grace <= 0) return false;
      obj.metadata.deletionGracePeriodSeconds = grace;
      return true;
    },
    validate(obj) {
      const spec = (obj as Pod).spec ?? {};
      const causes: StatusCause[] = [];
      if (!spec.containers?.length) causes.push(required('spec.containers'));
      const names = new Set<string>();
      causes.push(...validateContainers(spec.initContainers, 'spec.initContainers', names));
      causes.push(...validateContainers(spec.containers, 'spec.containers', names));
      if (spec.restartPolicy && !RESTART_POLICIES.includes(spec.restartPolicy)) {
        causes.push({
          reason: 'FieldValueNotSupported',
          message: `Unsupported value: ${JSON.stringify(spec.restartPolicy)}: supported values: ${RESTART_POLICIES.map((p) => `"${p}"`).join(', ')}`,
          field: 'spec.restartPolicy',
        });
      }
      return causes;
    },
    validateUpdate(obj, old) {
      if (isDeepStrictEqual(mutableView((obj as Pod).spec), mutableView((old as Pod).spec))) return [];
      return [
        {
          reason: 'FieldValueForbidden',
          message:
            'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
          field: 'spec',
        },
      ];
    },
    fields: (obj) => ({
      'spec.nodeName': (obj as Pod).spec?.nodeName ?? '',
      'spec.restartPolicy': (obj as Pod).spec?.restartPolicy ?? '',
      'spec.schedulerName': (obj as Pod).spec?.schedulerName ?? '',
      'status.phase': String((obj as Pod).status?.phase ?? ''),
      'status.podIP': (obj as Pod).status?.podIP ?? '',
    }),
    columns: [
      NAME_COLUMN,
      { name: 'Ready', type: 'string', description: 'The aggregate readiness state of this pod for accepting traffic.' },
      { name: 'Status', type: 'string', description: 'The aggregate status of the containers in this pod.' },
      {
        name: 'Restarts',
        type: 'string',
        description:
          'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
      },
      AGE_COLUMN,
      { name: 'IP', type: 'string', priority: 1, description: 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.' },
      { name: 'Node', type: 'string', priority: 1, description: 'NodeName indicates in which node this pod is scheduled.' },
      { name: 'Nominated Node', type: 'string', priority: 1, description: 'nominatedNodeName is set only when this pod preempts other pods on the node.' },
      { name: 'Readiness Gates', type: 'string', priority: 1, description: 'If specified, all readiness gates will be evaluated for pod readiness.' },
    ],
    row(obj, now) {
      const pod = obj as Pod;
      const cells = podCells(pod as PodLike, now);
      const gates = (pod.spec?.readinessGates as { conditionType: string }[] | undefined) ?? [];
      const conditions = (pod.status?.conditions as { type: string; status: string }[] | undefined) ?? [];
      const gatesCell = gates.length
        ? `${gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length}/${gates.length}`
        : '<none>';
      return [
        pod.metadata.name,
        cells.ready,
        cells.status,
        cells.restarts,
        age(pod.metadata.creationTimestamp, now),
        pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>',
        pod.spec?.nodeName || '<none>',
        pod.status?.nominatedNodeName || '<none>',
        gatesCell,
      ];
    },
  },
};
