// core/v1 Pod: upstream's defaulting, the strategy (status on create,
// default tolerations, graceful deletion) and the printer's columns. What a
// pod may contain is checked in pod-validation.ts.
import { age } from '../../printers/duration.js';
import { podCells, type PodLike } from '../../printers/pod-status.js';
import type { KubeObject, ResourceType } from '../types.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';
import { binding, eviction } from './pod-actions.js';
import { validatePod, validatePodCreate, validatePodUpdate, type Container as ValidatedContainer, type PodSpec as ValidatedPodSpec } from './pod-validation.js';

type Container = ValidatedContainer & { terminationMessagePath?: string; terminationMessagePolicy?: string };

type PodSpec = ValidatedPodSpec & {
  containers?: Container[];
  initContainers?: Container[];
  terminationGracePeriodSeconds?: number;
  schedulerName?: string;
  enableServiceLinks?: boolean;
  priority?: number;
  preemptionPolicy?: string;
};

type Pod = KubeObject & { spec?: PodSpec; status?: Record<string, unknown> & { podIP?: string; podIPs?: { ip: string }[]; nominatedNodeName?: string } };

/** Upstream's rule: an untagged or :latest image is pulled every time. */
function defaultPullPolicy(image: string | undefined): string {
  if (!image) return 'IfNotPresent';
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastPart.includes('@') ? undefined : lastPart.split(':')[1];
  if (image.includes('@')) return 'IfNotPresent';
  return tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

interface Probe {
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  httpGet?: { scheme?: string; path?: string };
}

/** Upstream's probe defaults: 1 s timeout, every 10 s, 1 success, 3 failures; HTTP checks over HTTP. */
function defaultProbe(probe: Probe | undefined): void {
  if (!probe) return;
  probe.timeoutSeconds ??= 1;
  probe.periodSeconds ??= 10;
  probe.successThreshold ??= 1;
  probe.failureThreshold ??= 3;
  if (probe.httpGet) probe.httpGet.scheme ??= 'HTTP';
}

function defaultContainer(c: Container): void {
  c.imagePullPolicy ??= defaultPullPolicy(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) defaultProbe(probe as Probe | undefined);
  const lifecycle = c.lifecycle as { postStart?: Probe; preStop?: Probe } | undefined;
  for (const hook of [lifecycle?.postStart, lifecycle?.preStop]) if (hook?.httpGet) hook.httpGet.scheme ??= 'HTTP';
  for (const e of (c.env as { valueFrom?: { fieldRef?: { apiVersion?: string } } }[] | undefined) ?? []) {
    if (e.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ??= 'v1';
  }
}

interface Volume {
  name?: string;
  configMap?: { defaultMode?: number };
  secret?: { defaultMode?: number };
  downwardAPI?: { defaultMode?: number };
  projected?: { defaultMode?: number };
  hostPath?: { type?: string };
  [source: string]: unknown;
}

/** 0644, the mode upstream gives files projected from configMaps, secrets and the downward API. */
const DEFAULT_FILE_MODE = 0o644;
const VOLUME_SOURCES = ['hostPath', 'emptyDir', 'secret', 'configMap', 'persistentVolumeClaim', 'downwardAPI', 'projected', 'nfs', 'csi', 'ephemeral', 'image'];

function defaultVolume(v: Volume): void {
  if (!VOLUME_SOURCES.some((source) => v[source] !== undefined) && Object.keys(v).length === 1) v.emptyDir = {};
  for (const source of [v.configMap, v.secret, v.downwardAPI, v.projected]) if (source) source.defaultMode ??= DEFAULT_FILE_MODE;
  if (v.hostPath) v.hostPath.type ??= '';
}

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

/** Guaranteed: every container's cpu and memory limited, with requests equal; BestEffort: nothing set. */
function qosClass(spec: PodSpec | undefined): string {
  const all = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].map((c) => (c.resources ?? {}) as Resources);
  const set = (r: Resources) => Object.keys(r.requests ?? {}).length + Object.keys(r.limits ?? {}).length > 0;
  if (!all.some(set)) return 'BestEffort';
  const guaranteed = all.every((r) =>
    ['cpu', 'memory'].every((k) => r.limits?.[k] !== undefined && (r.requests?.[k] === undefined || r.requests[k] === r.limits[k])),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** Upstream's SetDefaults for a PodSpec: pods and the pod templates of workloads get the same. */
export function defaultPodSpec(spec: PodSpec): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  spec.enableServiceLinks ??= true;
  spec.priority ??= 0;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  for (const c of containers) defaultContainer(c);
  // On the host's network a container's port is the host's port (upstream's defaultHostNetworkPorts).
  if (spec.hostNetwork) for (const p of containers.flatMap((c) => c.ports ?? [])) p.hostPort ||= p.containerPort;
  for (const v of (spec.volumes as Volume[] | undefined) ?? []) defaultVolume(v);
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
  actions: { binding, eviction },
  strategy: {
    prepareForCreate(obj) {
      obj.status = { phase: 'Pending', qosClass: qosClass((obj as Pod).spec) };
    },
    prepareForUpdate(obj, old) {
      obj.status = old.status;
    },
    defaults(obj) {
      defaultPodSpec(((obj as Pod).spec ??= {}));
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
    validate: validatePod,
    validateCreate: validatePodCreate,
    validateUpdate: validatePodUpdate,
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
