// core/v1 Pod: upstream's defaulting, the validation kubectl users meet
// first, the update rule ("pod updates may not change fields other than
// ..."), and the printer's columns.
import { isDeepStrictEqual } from 'node:util';
import { age } from '../../printers/duration.js';
import { podCells, type PodLike } from '../../printers/pod-status.js';
import type { StatusCause } from '../../status.js';
import type { KubeObject, ResourceType } from '../types.js';
import { parseQuantity } from '../../quantity.js';
import { checkLabel, invalidValue, notSupported, required } from '../validation.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';
import { binding, eviction } from './pod-actions.js';

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

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function validateContainers(list: Container[] | undefined, path: string, names: Set<string>, volumes: Set<string>): StatusCause[] {
  const causes: StatusCause[] = [];
  (list ?? []).forEach((c, i) => {
    for (const [j, m] of ((c.volumeMounts as { name?: string; mountPath?: string }[] | undefined) ?? []).entries()) {
      if (!m.name) causes.push(required(`${path}[${i}].volumeMounts[${j}].name`));
      else if (!volumes.has(m.name)) {
        causes.push({ reason: 'FieldValueNotFound', message: `Not found: ${JSON.stringify(m.name)}`, field: `${path}[${i}].volumeMounts[${j}].name` });
      }
      if (!m.mountPath) causes.push(required(`${path}[${i}].volumeMounts[${j}].mountPath`));
    }
    for (const [j, e] of ((c.env as { name?: string }[] | undefined) ?? []).entries()) {
      if (!e.name) causes.push(required(`${path}[${i}].env[${j}].name`));
      else if (!ENV_NAME.test(e.name)) {
        causes.push(
          invalidValue(
            `${path}[${i}].env[${j}].name`,
            e.name,
            "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
          ),
        );
      }
    }
    const at = `${path}[${i}]`;
    if (!c.name) causes.push(required(`${at}.name`));
    else {
      causes.push(...checkLabel(`${at}.name`, c.name));
      if (names.has(c.name)) causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: ${JSON.stringify(c.name)}`, field: `${at}.name` });
      names.add(c.name);
    }
    if (!c.image) causes.push(required(`${at}.image`));
    if (c.imagePullPolicy && !PULL_POLICIES.includes(c.imagePullPolicy)) causes.push(notSupported(`${at}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      causes.push(...validateProbe(c[probe] as Record<string, unknown> | undefined, `${at}.${probe}`));
    }
    causes.push(...validateResources(c.resources as Resources | undefined, `${at}.resources`));
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
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

/** A probe names exactly one way to check (upstream's messages for none and for several). */
function validateProbe(probe: Record<string, unknown> | undefined, field: string): StatusCause[] {
  if (!probe) return [];
  const handlers = PROBE_HANDLERS.filter((h) => probe[h] !== undefined);
  if (handlers.length === 0) return [{ reason: 'FieldValueRequired', message: 'Required value: must specify a handler type', field }];
  return handlers.slice(1).map((h) => ({ reason: 'FieldValueForbidden', message: 'Forbidden: may not specify more than 1 handler type', field: `${field}.${h}` }));
}

/** Requests may not exceed limits: `must be less than or equal to cpu limit of 500m`. */
function validateResources(resources: Resources | undefined, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [name, request] of Object.entries(resources?.requests ?? {})) {
    const limit = resources?.limits?.[name];
    if (limit === undefined) continue;
    const [r, l] = [parseQuantity(request), parseQuantity(limit)];
    if (r !== undefined && l !== undefined && r > l) {
      causes.push(invalidValue(`${field}.requests`, request, `must be less than or equal to ${name} limit of ${limit}`));
    }
  }
  return causes;
}

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
  actions: { binding, eviction },
  strategy: {
    prepareForCreate(obj) {
      obj.status = { phase: 'Pending', qosClass: qosClass((obj as Pod).spec) };
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
      for (const v of (spec.volumes as Volume[] | undefined) ?? []) defaultVolume(v);
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
      const volumes = new Set<string>();
      for (const [i, v] of ((spec.volumes as Volume[] | undefined) ?? []).entries()) {
        if (!v.name) causes.push(required(`spec.volumes[${i}].name`));
        else if (volumes.has(v.name)) causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: ${JSON.stringify(v.name)}`, field: `spec.volumes[${i}].name` });
        else {
          causes.push(...checkLabel(`spec.volumes[${i}].name`, v.name));
          volumes.add(v.name);
        }
      }
      const names = new Set<string>();
      causes.push(...validateContainers(spec.initContainers, 'spec.initContainers', names, volumes));
      causes.push(...validateContainers(spec.containers, 'spec.containers', names, volumes));
      if (spec.restartPolicy && !RESTART_POLICIES.includes(spec.restartPolicy)) {
        causes.push(notSupported('spec.restartPolicy', spec.restartPolicy, RESTART_POLICIES));
      }
      if (spec.dnsPolicy && !DNS_POLICIES.includes(spec.dnsPolicy)) causes.push(notSupported('spec.dnsPolicy', spec.dnsPolicy, DNS_POLICIES));
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
