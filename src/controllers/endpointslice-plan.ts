// The EndpointSlices a service should have, and the writes that get there
// from the slices it has (upstream's EndpointSlice reconciler, pure). Pods
// become endpoints grouped by the ports they serve; each group is packed
// into slices of at most 100. Existing slices are kept and changed in place
// where they can be: endpoints that stay keep their slice, new ones fill
// the room left before new slices are made, and a slice that is no longer
// needed is reused for one that would be made rather than deleted.
import { isDeepStrictEqual } from 'node:util';
import type { Pod } from '../apiserver/registry/core/types.js';
import type { Endpoint, EndpointPort, EndpointSlice } from '../apiserver/registry/discovery/endpointslices.js';
import { isPodReady } from './pod-control.js';
import { addressOf, portsOn } from './endpoints-subsets.js';
import { podBacksService, type Service } from './service-pods.js';

export const MAX_ENDPOINTS_PER_SLICE = 100;

/** A group of endpoints serving the same ports. */
export interface EndpointGroup {
  ports: EndpointPort[];
  endpoints: Endpoint[];
}

/** Endpoints of a service from its pods, grouped by port set; terminating pods are in, marked terminating. */
export function endpointGroups(svc: Service, pods: Pod[]): EndpointGroup[] {
  const publishNotReady = Boolean(svc.spec?.publishNotReadyAddresses);
  const groups = new Map<string, EndpointGroup>();
  for (const pod of pods) {
    // Only IPv4 slices are made: pods here have one IPv4 address.
    if (!podBacksService(pod, true) || !pod.status!.podIP!.includes('.')) continue;
    const ports: EndpointPort[] = portsOn(svc, pod).map((p) => ({ name: p.name ?? '', protocol: p.protocol, port: p.port, ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }));
    const key = JSON.stringify(ports);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ports, endpoints: [] }));
    const address = addressOf(svc, pod);
    const serving = isPodReady(pod);
    const terminating = Boolean(pod.metadata.deletionTimestamp);
    const endpoint: Endpoint = {
      addresses: [address.ip],
      // A terminating endpoint is never ready, unless the service publishes not-ready ones.
      conditions: { ready: publishNotReady || (serving && !terminating), serving, terminating },
      targetRef: address.targetRef,
    };
    if (address.hostname) endpoint.hostname = address.hostname;
    if (address.nodeName) endpoint.nodeName = address.nodeName;
    group.endpoints.push(endpoint);
  }
  return [...groups.values()];
}

/** What is written: new slices (only endpoints and ports), changed slices (whole), names of slices to delete. */
export interface SlicePlan {
  create: Pick<EndpointSlice, 'endpoints' | 'ports'>[];
  update: EndpointSlice[];
  delete: string[];
}

const endpointKey = (ep: Endpoint) => ep.targetRef?.uid ?? ep.addresses.join(',');
const portsKey = (ports: EndpointPort[] = []) => JSON.stringify(ports.map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port, ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) })));

/**
 * The writes from `existing` (the service's slices) to `groups`. A service
 * without endpoints keeps one empty slice, as upstream's placeholder.
 */
export function planSlices(groups: EndpointGroup[], existing: EndpointSlice[], max = MAX_ENDPOINTS_PER_SLICE): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const wanted = groups.filter((g) => g.endpoints.length);
  if (!wanted.length) wanted.push({ ports: [], endpoints: [] });
  const unused: EndpointSlice[] = [];
  const byPorts = new Map<string, EndpointSlice[]>();
  for (const slice of existing) {
    const key = portsKey(slice.ports);
    if (wanted.some((g) => portsKey(g.ports) === key)) byPorts.set(key, [...(byPorts.get(key) ?? []), slice]);
    else unused.push(slice);
  }
  for (const group of wanted) {
    const slices = (byPorts.get(portsKey(group.ports)) ?? []).map((slice) => ({ slice, endpoints: [] as Endpoint[] }));
    const desired = new Map(group.endpoints.map((ep) => [endpointKey(ep), ep]));
    // Endpoints that stay keep their slice, with what they are now.
    for (const s of slices) {
      for (const ep of s.slice.endpoints ?? []) {
        const now = desired.get(endpointKey(ep));
        if (now) {
          s.endpoints.push(now);
          desired.delete(endpointKey(ep));
        }
      }
    }
    // New endpoints fill the room in existing slices, fullest first (fewer, fuller slices), then new slices.
    let rest = [...desired.values()];
    for (const s of [...slices].sort((a, b) => b.endpoints.length - a.endpoints.length)) {
      const room = max - s.endpoints.length;
      if (room <= 0 || !rest.length) continue;
      s.endpoints.push(...rest.slice(0, room));
      rest = rest.slice(room);
    }
    const fresh: Endpoint[][] = [];
    for (let i = 0; i < rest.length; i += max) fresh.push(rest.slice(i, i + max));
    // The placeholder of a service without endpoints is one empty slice.
    if (!group.endpoints.length && !slices.length) fresh.push([]);
    for (const [i, s] of slices.entries()) {
      // An emptied slice goes, unless it is the one placeholder.
      if (!s.endpoints.length && (group.endpoints.length || i > 0)) {
        unused.push(s.slice);
        continue;
      }
      if (!isDeepStrictEqual(s.slice.endpoints ?? [], s.endpoints)) {
        plan.update.push({ ...s.slice, endpoints: s.endpoints });
      }
    }
    for (const endpoints of fresh) {
      const reused = unused.shift();
      // A slice no longer needed becomes a wanted one: one update instead of a create and a delete.
      if (reused) plan.update.push({ ...reused, endpoints, ports: group.ports });
      else plan.create.push({ endpoints, ports: group.ports });
    }
  }
  plan.delete = unused.map((s) => s.metadata.name!);
  return plan;
}
