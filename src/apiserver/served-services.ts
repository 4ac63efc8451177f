// Services the server itself backs, as upstream's API server backs
// `kubernetes`: they have no selector, so no controller fills them in; the
// server writes the Service (its ClusterIP taken through the service
// allocator like any other), its Endpoints and one EndpointSlice, and keeps
// them so — at every start (the address or port behind them may have
// changed since the last one) and every 10 s after, as upstream's endpoint
// reconciler does, so what someone deletes or changes comes back.
import { isDeepStrictEqual } from 'node:util';
import { MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from './registry/discovery/endpointslices.js';
import type { GenericStore } from './registry/generic-store.js';
import type { KubeObject } from './registry/types.js';
import type { Resources } from './resources.js';

export interface ServedPort {
  name: string;
  protocol: 'TCP' | 'UDP';
  port: number;
  /** The port the server listens on. */
  targetPort: number;
}

export interface ServedService {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  clusterIP: string;
  ports: ServedPort[];
  /** The address the server serves it on (each port's targetPort); none leaves it without endpoints. */
  address: string | undefined;
}

/** The managed-by label of the EndpointSlices the server writes itself (the EndpointSlice controller keeps off others' slices). */
export const SERVED_BY = 'peapod-server';

/** The kubernetes service: the service range's first address, port 443 to the API server's port on its advertised address. */
export function kubernetesService(clusterIP: string, apiPort: number, advertiseAddress: string | undefined): ServedService {
  return {
    namespace: 'default',
    name: 'kubernetes',
    labels: { component: 'apiserver', provider: 'kubernetes' },
    clusterIP,
    ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: apiPort }],
    address: advertiseAddress,
  };
}

function serviceOf(s: ServedService): KubeObject {
  return {
    metadata: { name: s.name, namespace: s.namespace, labels: s.labels },
    spec: { type: 'ClusterIP', clusterIP: s.clusterIP, clusterIPs: [s.clusterIP], ports: s.ports, sessionAffinity: 'None' },
  };
}

function endpointsOf(s: ServedService): KubeObject {
  return {
    // The server writes the slice itself: an EndpointSlice mirroring controller must not make a second one.
    metadata: { name: s.name, namespace: s.namespace, labels: { ...s.labels, 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: s.address ? [{ addresses: [{ ip: s.address }], ports: s.ports.map((p) => ({ name: p.name, port: p.targetPort, protocol: p.protocol })) }] : [],
  };
}

function sliceOf(s: ServedService): KubeObject {
  return {
    metadata: { name: s.name, namespace: s.namespace, labels: { [SERVICE_NAME_LABEL]: s.name, [MANAGED_BY_LABEL]: SERVED_BY } },
    addressType: 'IPv4',
    endpoints: s.address ? [{ addresses: [s.address], conditions: { ready: true, serving: true, terminating: false } }] : [],
    ports: s.ports.map((p) => ({ name: p.name, port: p.targetPort, protocol: p.protocol })),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether `actual` says everything `wanted` says (defaulted fields it has beyond that do not count). */
function covers(actual: unknown, wanted: unknown): boolean {
  if (isObject(wanted)) return isObject(actual) && Object.entries(wanted).every(([k, v]) => covers(actual[k], v));
  if (Array.isArray(wanted)) return Array.isArray(actual) && actual.length === wanted.length && wanted.every((v, i) => covers(actual[i], v));
  return isDeepStrictEqual(actual, wanted);
}

/** `current` with what `wanted` says written over it: objects merged, everything else replaced. */
function overlay(current: unknown, wanted: unknown): unknown {
  if (!isObject(current) || !isObject(wanted)) return wanted;
  return { ...current, ...Object.fromEntries(Object.entries(wanted).map(([k, v]) => [k, overlay(current[k], v)])) };
}

async function find(store: GenericStore, namespace: string, name: string): Promise<KubeObject | undefined> {
  return store.get(namespace, name).catch((err: { reason?: string }) => {
    if (err.reason !== 'NotFound') throw err;
    return undefined;
  });
}

/** Makes `wanted` exist as written, changing only what differs. */
async function keep(store: GenericStore, wanted: KubeObject): Promise<void> {
  const { namespace, name } = wanted.metadata as { namespace: string; name: string };
  const existing = await find(store, namespace, name);
  if (!existing) await store.create(namespace, wanted);
  else if (!covers(existing, wanted)) await store.update(namespace, name, (current) => overlay(current, wanted) as KubeObject);
}

export async function ensureServedService(resources: Resources, s: ServedService): Promise<void> {
  const services = resources.find('', 'v1', 'services')!;
  const existing = await find(services, s.namespace, s.name);
  // A ClusterIP cannot change in place: a service on another address (the flag changed) is made anew.
  if (existing && (existing.spec as { clusterIP?: string }).clusterIP !== s.clusterIP) await services.delete(s.namespace, s.name);
  await keep(services, serviceOf(s));
  await keep(resources.find('', 'v1', 'endpoints')!, endpointsOf(s));
  await keep(resources.find('discovery.k8s.io', 'v1', 'endpointslices')!, sliceOf(s));
}

const RECONCILE_MS = 10_000;

/** The served services of this server, kept as written until stopped. */
export class ServedServices {
  private readonly wanted = new Map<string, ServedService>();
  /** The last failure of each, logged once rather than every 10 s. */
  private readonly failures = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly resources: Resources,
    private readonly log: (message: string) => void,
  ) {}

  /** Writes the service now (rejecting on failure) and keeps it from then on. */
  async keep(s: ServedService): Promise<void> {
    this.wanted.set(`${s.namespace}/${s.name}`, s);
    this.timer ??= setInterval(() => void this.reconcile(), RECONCILE_MS).unref();
    await ensureServedService(this.resources, s);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async reconcile(): Promise<void> {
    for (const [key, s] of this.wanted) {
      try {
        await ensureServedService(this.resources, s);
        this.failures.delete(key);
      } catch (err) {
        const message = (err as Error).message;
        if (this.failures.get(key) !== message) this.log(`keeping service ${key}: ${message}`);
        this.failures.set(key, message);
      }
    }
  }
}
