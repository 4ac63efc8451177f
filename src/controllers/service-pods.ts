// What the endpoints and EndpointSlice controllers share: a service's pods
// (its selector in its namespace), which services a pod concerns, which pods
// back a service at all, and a service port's number on a given pod.
import type { Pod } from '../apiserver/registry/core/types.js';
import type { KubeObject } from '../apiserver/registry/types.js';
import { labelSelectorMatches } from '../apiserver/selectors.js';
import type { Informer } from '../client/informer.js';

export interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: number | string;
  appProtocol?: string;
}

export type Service = KubeObject & {
  spec?: { type?: string; selector?: Record<string, string>; ports?: ServicePort[]; clusterIP?: string; publishNotReadyAddresses?: boolean };
};

export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

const BY_NAMESPACE = 'namespace';

/** A selector with no labels selects nothing here: such services' endpoints are their users' to manage. */
const hasSelector = (svc: Service) => Object.keys(svc.spec?.selector ?? {}).length > 0;

/** Whether the controllers keep a service's endpoints: it selects pods, and is not an ExternalName (answered by DNS alone). */
export const hasManagedEndpoints = (svc: Service) => hasSelector(svc) && svc.spec?.type !== 'ExternalName';

export const isHeadless = (svc: Service) => svc.spec?.clusterIP === 'None';

export const selects = (svc: Service, pod: KubeObject) =>
  hasSelector(svc) && svc.metadata.namespace === pod.metadata.namespace && labelSelectorMatches({ matchLabels: svc.spec!.selector }, pod.metadata.labels);

/** Indexes an informer's objects by namespace, once per informer. */
export function indexByNamespace<T extends KubeObject>(informer: Informer<T>): void {
  if (!informer.hasIndex(BY_NAMESPACE)) informer.addIndex(BY_NAMESPACE, (obj) => [obj.metadata.namespace ?? '']);
}

export const podsOf = (svc: Service, pods: Informer<Pod>) => pods.byIndex(BY_NAMESPACE, svc.metadata.namespace!).filter((pod) => selects(svc, pod));

export const servicesSelecting = (pod: Pod, services: Informer<Service>) => services.byIndex(BY_NAMESPACE, pod.metadata.namespace!).filter((svc) => selects(svc, pod));

/**
 * Whether a pod backs its services at all (upstream's ShouldPodBeInEndpoints):
 * it has an address, has not finished, and is not terminating unless
 * terminating pods are wanted.
 */
export function podBacksService(pod: Pod, includeTerminating: boolean): boolean {
  if (!pod.status?.podIP) return false;
  if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

/**
 * The port a service port reaches on a pod (upstream's FindPort): a number
 * as it is, a name looked up among the pod's container ports of the same
 * protocol; undefined when the pod has no port of that name.
 */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = port.protocol ?? 'TCP';
  for (const container of pod.spec.containers) {
    for (const p of container.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** Wakes a service's key when it changes, and when a pod it selects (or selected, before a label change) changes. */
export function onServiceOrPodChange(services: Informer<Service>, pods: Informer<Pod>, enqueue: (obj: KubeObject) => void): void {
  services.on({ add: enqueue, update: (_, svc) => enqueue(svc), delete: enqueue });
  const podChanged = (pod: Pod) => servicesSelecting(pod, services).forEach(enqueue);
  pods.on({ add: podChanged, update: (old, pod) => (podChanged(old), podChanged(pod)), delete: podChanged });
}
