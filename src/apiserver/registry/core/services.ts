// core/v1 Service: defaulted and validated here; its ClusterIP and node
// ports are allocated by service-allocator.ts through the store's hooks.
// Columns as upstream's printer: TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S),
// AGE, and SELECTOR with -o wide.
import { isDeepStrictEqual } from 'node:util';
import { age } from '../../printers/duration.js';
import type { StatusCause } from '../../status.js';
import type { KubeObject, ResourceType } from '../types.js';
import { checkIP, checkLabel, checkSubdomain, duplicate, forbidden, goStrings, inclusiveRange, invalid, invalidValue, notSupported, required } from '../validation.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';
import { needsNodePorts, type ServicePort } from './service-allocator.js';

type Service = KubeObject & {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    ipFamilies?: string[];
    ipFamilyPolicy?: string;
    externalIPs?: string[];
    externalName?: string;
    externalTrafficPolicy?: string;
    internalTrafficPolicy?: string;
    allocateLoadBalancerNodePorts?: boolean;
    ports?: ServicePort[];
    selector?: Record<string, string>;
    sessionAffinity?: string;
    sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
};

const TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const AFFINITIES = ['ClientIP', 'None'];
const DEFAULT_CLIENT_IP_TIMEOUT = 10800;
const MAX_CLIENT_IP_TIMEOUT = 86400;

/** What is wrong with a named port (an IANA service name), in upstream's words. */
function portNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 15) problems.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) problems.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) problems.push('must contain at least one letter (a-z)');
  if (name.includes('--')) problems.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) problems.push('must not begin or end with a hyphen');
  return problems;
}

/** Go's %#v of the (port, protocol) key upstream reports a duplicate port with. */
const portKey = (p: ServicePort) =>
  `core.ServicePort{Name:"", Protocol:"${p.protocol}", AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;

function validatePorts(spec: NonNullable<Service['spec']>): StatusCause[] {
  const causes: StatusCause[] = [];
  const list = spec.ports ?? [];
  const names = new Set<string>();
  const keys = new Set<string>();
  const nodePorts = new Set<string>();
  list.forEach((p, i) => {
    const at = `spec.ports[${i}]`;
    if (list.length > 1 && !p.name) causes.push(required(`${at}.name`));
    if (p.name) {
      causes.push(...checkLabel(`${at}.name`, p.name));
      if (names.has(p.name)) causes.push(duplicate(`${at}.name`, p.name));
      names.add(p.name);
    }
    if (p.port === undefined) causes.push(required(`${at}.port`));
    else if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) causes.push(invalidValue(`${at}.port`, p.port, inclusiveRange(1, 65535)));
    if (p.protocol && !PROTOCOLS.includes(p.protocol)) causes.push(notSupported(`${at}.protocol`, p.protocol, PROTOCOLS));
    if (typeof p.targetPort === 'number') {
      if (!Number.isInteger(p.targetPort) || p.targetPort < 1 || p.targetPort > 65535) causes.push(invalidValue(`${at}.targetPort`, p.targetPort, inclusiveRange(1, 65535)));
    } else if (p.targetPort !== undefined) {
      causes.push(...portNameProblems(p.targetPort).map((why) => invalidValue(`${at}.targetPort`, p.targetPort, why)));
    }
    if (p.nodePort && spec.type === 'ClusterIP') causes.push(forbidden(`${at}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
    const key = `${p.protocol}/${p.port}`;
    if (keys.has(key)) causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: ${portKey(p)}`, field: at });
    keys.add(key);
    // One node port may serve a TCP and a UDP port, not two of one protocol.
    const nodeKey = `${p.protocol}/${p.nodePort}`;
    if (p.nodePort && nodePorts.has(nodeKey)) causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: ${p.nodePort}`, field: `${at}.nodePort` });
    nodePorts.add(nodeKey);
  });
  return causes;
}

/** An update that leaves out the allocated values keeps them (upstream's patchAllocatedValues). */
function keepAllocated(svc: Service, old: Service): void {
  const [spec, before] = [(svc.spec ??= {}), old.spec ?? {}];
  // "None" too: a headless service stays headless.
  if (before.type !== 'ExternalName' && spec.type !== 'ExternalName' && !spec.clusterIP && !spec.clusterIPs?.length) {
    spec.clusterIP = before.clusterIP;
    spec.clusterIPs = before.clusterIPs;
  }
  if (needsNodePorts(old) && needsNodePorts(svc)) {
    for (const p of spec.ports ?? []) {
      const same = (before.ports ?? []).find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      p.nodePort ||= same?.nodePort;
    }
  }
}

/** A type change clears what only the old type needed, where the client left it as it was (so it is released). */
function dropTypeDependentFields(svc: Service, old: Service): void {
  const [spec, before] = [(svc.spec ??= {}), old.spec ?? {}];
  if (before.type !== 'ExternalName' && spec.type === 'ExternalName' && isDeepStrictEqual(spec.clusterIPs ?? [spec.clusterIP], before.clusterIPs)) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    delete spec.ipFamilies;
    delete spec.ipFamilyPolicy;
    delete spec.internalTrafficPolicy;
  }
  if (needsNodePorts(old) && !needsNodePorts(svc)) {
    for (const p of spec.ports ?? []) {
      if ((before.ports ?? []).some((o) => o.nodePort === p.nodePort)) delete p.nodePort;
    }
  }
  if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') delete spec.externalTrafficPolicy;
  if (spec.type !== 'LoadBalancer') delete spec.allocateLoadBalancerNodePorts;
}

function externalIP(svc: Service): string {
  const spec = svc.spec ?? {};
  const external = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '');
      const all = [...ingress.filter(Boolean), ...external];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function ports(svc: Service): string {
  const list = svc.spec?.ports ?? [];
  if (!list.length) return '<none>';
  return list.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

export const services: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Service',
  resource: 'services',
  singular: 'service',
  shortNames: ['svc'],
  categories: ['all'],
  namespaced: true,
  subresources: ['status'],
  strategy: {
    prepareForCreate(obj) {
      obj.status = { loadBalancer: {} };
    },
    prepareForUpdate(obj, old) {
      obj.status = old.status;
      keepAllocated(obj as Service, old as Service);
      dropTypeDependentFields(obj as Service, old as Service);
    },
    defaults(obj) {
      const spec = ((obj as Service).spec ??= {});
      spec.type ??= 'ClusterIP';
      if (spec.type !== 'ExternalName') {
        spec.sessionAffinity ??= 'None';
        if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
        if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
        spec.ipFamilies ??= ['IPv4'];
        spec.ipFamilyPolicy ??= 'SingleStack';
        spec.internalTrafficPolicy ??= 'Cluster';
      }
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
      if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
      if (spec.sessionAffinity === 'ClientIP') {
        const clientIP = ((spec.sessionAffinityConfig ??= {}).clientIP ??= {});
        clientIP.timeoutSeconds ??= DEFAULT_CLIENT_IP_TIMEOUT;
      }
      for (const p of spec.ports ?? []) {
        p.protocol ??= 'TCP';
        p.targetPort ??= p.port;
      }
    },
    validate(obj) {
      const spec = (obj as Service).spec ?? {};
      const causes: StatusCause[] = [];
      if (spec.type && !TYPES.includes(spec.type)) causes.push(notSupported('spec.type', spec.type, TYPES));
      if (spec.type === 'ExternalName') {
        if (spec.clusterIPs?.length) causes.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
        // A trailing dot marks the name fully qualified.
        const cname = (spec.externalName ?? '').replace(/\.$/, '');
        if (cname) causes.push(...checkSubdomain('spec.externalName', cname));
        else causes.push(required('spec.externalName'));
      } else if (spec.clusterIP !== 'None' && !spec.ports?.length) {
        causes.push(required('spec.ports'));
      }
      const ip = spec.clusterIPs?.[0] ?? spec.clusterIP;
      if (ip && ip !== 'None' && spec.type !== 'ExternalName') causes.push(...checkIP('spec.clusterIPs[0]', ip));
      if (ip === 'None' && (spec.type === 'NodePort' || spec.type === 'LoadBalancer')) {
        causes.push(invalidValue('spec.clusterIPs[0]', ip, `may not be set to 'None' for ${spec.type} services`));
      }
      if (spec.sessionAffinity && spec.type !== 'ExternalName' && !AFFINITIES.includes(spec.sessionAffinity)) {
        causes.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, AFFINITIES));
      }
      const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
      if (spec.sessionAffinity === 'ClientIP' && timeout !== undefined && (timeout <= 0 || timeout > MAX_CLIENT_IP_TIMEOUT)) {
        causes.push(invalidValue('spec.sessionAffinityConfig.clientIP.timeoutSeconds', timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_TIMEOUT}`));
      }
      causes.push(...validatePorts(spec));
      return causes;
    },
    validateUpdate(obj, old) {
      // A ClusterIP is for the service's life, unless it turns into or out of an ExternalName.
      const [now, before] = [(obj as Service).spec ?? {}, (old as Service).spec ?? {}];
      if (now.type === 'ExternalName' || before.type === 'ExternalName') return [];
      const [ips, oldIPs] = [now.clusterIPs ?? [], before.clusterIPs ?? []];
      if (!oldIPs.length || ips[0] === oldIPs[0]) return [];
      return [invalid('spec.clusterIPs[0]', goStrings(ips), 'may not change once set')];
    },
    columns: [
      NAME_COLUMN,
      { name: 'Type', type: 'string', description: 'How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.' },
      { name: 'Cluster-IP', type: 'string', description: 'The virtual IP inside the cluster that reaches the service.' },
      { name: 'External-IP', type: 'string', description: 'Addresses outside the cluster that reach the service.' },
      { name: 'Port(s)', type: 'string', description: 'The ports the service exposes, with node ports where there are any.' },
      AGE_COLUMN,
      { name: 'Selector', type: 'string', priority: 1, description: 'The labels of the pods the service sends traffic to.' },
    ],
    row(obj, now) {
      const svc = obj as Service;
      const selector = Object.entries(svc.spec?.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
      return [
        svc.metadata.name,
        svc.spec?.type ?? '',
        svc.spec?.clusterIP || '<none>',
        externalIP(svc),
        ports(svc),
        age(svc.metadata.creationTimestamp, now),
        selector || '<none>',
      ];
    },
  },
};
