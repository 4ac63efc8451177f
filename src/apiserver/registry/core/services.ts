// core/v1 Service: stored and validated here; ClusterIP and NodePort
// allocation arrive with the service proxy. Columns as upstream's printer:
// TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S), AGE, and SELECTOR with -o wide.
import { age } from '../../printers/duration.js';
import type { StatusCause } from '../../status.js';
import type { KubeObject, ResourceType } from '../types.js';
import { invalidValue, notSupported, required } from '../validation.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';

interface ServicePort {
  name?: string;
  protocol?: string;
  port?: number;
  targetPort?: number | string;
  nodePort?: number;
}

type Service = KubeObject & {
  spec?: {
    type?: string;
    clusterIP?: string;
    externalIPs?: string[];
    externalName?: string;
    ports?: ServicePort[];
    selector?: Record<string, string>;
    sessionAffinity?: string;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
};

const TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

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
    },
    defaults(obj) {
      const spec = ((obj as Service).spec ??= {});
      spec.type ??= 'ClusterIP';
      if (spec.type !== 'ExternalName') spec.sessionAffinity ??= 'None';
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
        if (!spec.externalName) causes.push(required('spec.externalName'));
      } else if (spec.clusterIP !== 'None' && !spec.ports?.length) {
        causes.push(required('spec.ports'));
      }
      (spec.ports ?? []).forEach((p, i) => {
        const at = `spec.ports[${i}]`;
        if (p.port === undefined) causes.push(required(`${at}.port`));
        else if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
          causes.push(invalidValue(`${at}.port`, p.port, 'must be between 1 and 65535, inclusive'));
        }
        if (p.protocol && !PROTOCOLS.includes(p.protocol)) causes.push(notSupported(`${at}.protocol`, p.protocol, PROTOCOLS));
        if ((spec.ports ?? []).length > 1 && !p.name) causes.push(required(`${at}.name`));
      });
      return causes;
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
