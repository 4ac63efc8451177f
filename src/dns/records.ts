// Cluster DNS answers as a pure function of the cluster's state, in the
// shape kube-dns/CoreDNS give them:
//   <svc>.<ns>.svc.<domain>            A: the ClusterIP; headless: every ready endpoint;
//                                      ExternalName: a CNAME
//   <host>.<svc>.<ns>.svc.<domain>     A: the headless endpoint with that hostname (or dashed IP)
//   _<port>._<proto>.<svc>.<ns>.svc.<domain>  SRV for a named port
//   <a-b-c-d>.<ns>.pod.<domain>        A: a.b.c.d
// Names in the cluster domain that do not exist are NXDOMAIN; names that
// exist without records of the asked type get an empty answer (NODATA);
// names outside the domain are not ours (undefined: forward them).
import type { Answer, RecordType } from 'dns-packet';

export const TTL = 5;

export interface ServiceView {
  clusterIP?: string;
  type?: string;
  externalName?: string;
  ports: { name?: string; port: number; protocol?: string }[];
}

export interface EndpointView {
  addresses: string[];
  hostname?: string;
  ready: boolean;
  ports: { name?: string; port: number; protocol?: string }[];
}

/** What the answers are computed from (informer caches in the server, plain data in tests). */
export interface ClusterView {
  service(namespace: string, name: string): ServiceView | undefined;
  endpoints(namespace: string, service: string): EndpointView[];
  namespaceExists(namespace: string): boolean;
}

export interface Resolution {
  rcode: 'NOERROR' | 'NXDOMAIN';
  answers: Answer[];
}

const NX: Resolution = { rcode: 'NXDOMAIN', answers: [] };
const NODATA: Resolution = { rcode: 'NOERROR', answers: [] };

const isHeadless = (svc: ServiceView) => svc.clusterIP === 'None' || (!svc.clusterIP && svc.type !== 'ExternalName');
const dashed = (ip: string) => ip.replaceAll('.', '-').replaceAll(':', '-');

function a(name: string, ip: string): Answer {
  return { type: 'A', name, ttl: TTL, class: 'IN', data: ip };
}

/** Answers for a question, or undefined when the name is outside the cluster domain. */
export function resolve(question: { name: string; type: RecordType }, view: ClusterView, domain: string): Resolution | undefined {
  const name = question.name.toLowerCase().replace(/\.$/, '');
  if (name !== domain && !name.endsWith(`.${domain}`)) return undefined;
  const labels = name === domain ? [] : name.slice(0, -domain.length - 1).split('.');
  const kind = labels.at(-1);
  if (kind === 'pod' && labels.length === 3) return podRecord(name, labels[0]!, labels[1]!, question.type, view);
  if (kind !== 'svc') return NX;
  const rest = labels.slice(0, -1);
  if (rest.length === 2) return serviceRecords(name, rest[1]!, rest[0]!, question.type, view);
  if (rest.length === 3) return endpointRecord(name, rest[2]!, rest[1]!, rest[0]!, question.type, view);
  if (rest.length === 4 && rest[0]!.startsWith('_') && rest[1]!.startsWith('_')) {
    return srvRecords(name, rest[3]!, rest[2]!, rest[0]!.slice(1), rest[1]!.slice(1), question.type, view, domain);
  }
  return NX;
}

function podRecord(name: string, ip: string, namespace: string, type: RecordType, view: ClusterView): Resolution {
  const address = ip.replaceAll('-', '.');
  if (!/^(\d{1,3}\.){3}\d{1,3}$/.test(address) || !view.namespaceExists(namespace)) return NX;
  return type === 'A' ? { rcode: 'NOERROR', answers: [a(name, address)] } : NODATA;
}

function serviceRecords(name: string, namespace: string, service: string, type: RecordType, view: ClusterView): Resolution {
  const svc = view.service(namespace, service);
  if (!svc) return NX;
  if (svc.type === 'ExternalName') {
    return { rcode: 'NOERROR', answers: svc.externalName ? [{ type: 'CNAME', name, ttl: TTL, class: 'IN', data: svc.externalName }] : [] };
  }
  if (type !== 'A') return NODATA;
  if (!isHeadless(svc)) return { rcode: 'NOERROR', answers: [a(name, svc.clusterIP!)] };
  const ips = view.endpoints(namespace, service).filter((e) => e.ready).flatMap((e) => e.addresses);
  return { rcode: 'NOERROR', answers: [...new Set(ips)].map((ip) => a(name, ip)) };
}

function endpointRecord(name: string, namespace: string, service: string, host: string, type: RecordType, view: ClusterView): Resolution {
  const svc = view.service(namespace, service);
  if (!svc || !isHeadless(svc)) return NX;
  const found = view.endpoints(namespace, service).filter((e) => e.ready && (e.hostname === host || e.addresses.some((ip) => dashed(ip) === host)));
  if (!found.length) return NX;
  return type === 'A' ? { rcode: 'NOERROR', answers: found.flatMap((e) => e.addresses.map((ip) => a(name, ip))) } : NODATA;
}

function srvRecords(name: string, namespace: string, service: string, port: string, protocol: string, type: RecordType, view: ClusterView, domain: string): Resolution {
  const svc = view.service(namespace, service);
  if (!svc) return NX;
  const matches = (p: { name?: string; protocol?: string }) => p.name === port && (p.protocol ?? 'TCP').toLowerCase() === protocol;
  const servicePort = svc.ports.find(matches);
  if (!servicePort) return NX;
  if (type !== 'SRV') return NODATA;
  const base = `${service}.${namespace}.svc.${domain}`;
  if (!isHeadless(svc)) return { rcode: 'NOERROR', answers: [{ type: 'SRV', name, ttl: TTL, class: 'IN', data: { priority: 0, weight: 100, port: servicePort.port, target: base } }] };
  const answers: Answer[] = [];
  for (const e of view.endpoints(namespace, service).filter((x) => x.ready)) {
    const target = e.ports.find(matches);
    if (!target) continue;
    for (const ip of e.addresses) {
      answers.push({ type: 'SRV', name, ttl: TTL, class: 'IN', data: { priority: 0, weight: 100, port: target.port, target: `${e.hostname ?? dashed(ip)}.${base}` } });
    }
  }
  return { rcode: 'NOERROR', answers };
}
