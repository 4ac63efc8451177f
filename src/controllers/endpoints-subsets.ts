// The Endpoints object a service should have, from the service and its pods
// (upstream's endpoints controller): each pod with an address is listed for
// every service port it has, ready pods in `addresses`, the others in
// `notReadyAddresses` (all in `addresses` when the service publishes
// not-ready addresses); terminating pods only then. Pods that share a set of
// ports share a subset (upstream's RepackSubsets).
import type { Pod } from '../apiserver/registry/core/types.js';
import { isPodReady } from './pod-control.js';
import { findPort, HEADLESS_LABEL, isHeadless, podBacksService, type Service } from './service-pods.js';

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

export function addressOf(svc: Service, pod: Pod): EndpointAddress {
  const address: EndpointAddress = {
    ip: pod.status!.podIP!,
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name!, uid: pod.metadata.uid! },
  };
  // A pod is named in DNS under a service only when it asks to be (hostname and subdomain).
  if (pod.spec.hostname && pod.spec.subdomain === svc.metadata.name) address.hostname = pod.spec.hostname;
  if (pod.spec.nodeName) address.nodeName = pod.spec.nodeName;
  return address;
}

/** The service's ports as `pod` serves them; ports it lacks (a name no container has) are left out. */
export function portsOn(svc: Service, pod: Pod): EndpointPort[] {
  return (svc.spec?.ports ?? []).flatMap((sp) => {
    const port = findPort(pod, sp);
    if (port === undefined) return [];
    const ep: EndpointPort = { ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
    return [ep];
  });
}

const byIP = (a: EndpointAddress, b: EndpointAddress) => a.ip.localeCompare(b.ip, 'en', { numeric: true }) || a.targetRef.uid.localeCompare(b.targetRef.uid);
const byNameAndPort = (a: EndpointPort, b: EndpointPort) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port || a.protocol.localeCompare(b.protocol);

/** The subsets for a service's pods, in a stable order (addresses by IP, ports by name), so an unchanged world compares equal. */
export function subsetsFor(svc: Service, pods: Pod[]): EndpointSubset[] {
  const publishNotReady = Boolean(svc.spec?.publishNotReadyAddresses);
  // A headless service without ports lists bare addresses.
  const portless = isHeadless(svc) && !svc.spec?.ports?.length;
  const groups = new Map<string, Required<Pick<EndpointSubset, 'addresses' | 'notReadyAddresses'>> & { ports: EndpointPort[] }>();
  for (const pod of pods) {
    if (!podBacksService(pod, publishNotReady)) continue;
    const ports = portsOn(svc, pod).sort(byNameAndPort);
    if (!ports.length && !portless) continue;
    const key = JSON.stringify(ports);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { addresses: [], notReadyAddresses: [], ports }));
    (publishNotReady || isPodReady(pod) ? group.addresses : group.notReadyAddresses).push(addressOf(svc, pod));
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, g]) => {
      const subset: EndpointSubset = {};
      if (g.addresses.length) subset.addresses = g.addresses.sort(byIP);
      if (g.notReadyAddresses.length) subset.notReadyAddresses = g.notReadyAddresses.sort(byIP);
      if (g.ports.length) subset.ports = g.ports;
      return subset;
    });
}

/** The labels an Endpoints or EndpointSlice carries: the service's, with the headless label when it has no cluster IP. */
export function labelsFor(svc: Service, extra: Record<string, string> = {}): Record<string, string> {
  const labels: Record<string, string> = { ...svc.metadata.labels, ...extra };
  if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
  else delete labels[HEADLESS_LABEL];
  return labels;
}
