// discovery.k8s.io/v1 EndpointSlice: the endpoints of a service, in slices of
// at most 1000. Validation as upstream's essentials (address type, addresses
// of that type, port names and protocols, the size limits); columns as its
// printer: NAME, ADDRESSTYPE, PORTS and ENDPOINTS (three each, then
// "+ N more...", `<unset>` when there are none), AGE.
import { isIPv4, isIPv6 } from 'node:net';
import { age } from '../../printers/duration.js';
import type { StatusCause } from '../../status.js';
import { AGE_COLUMN, NAME_COLUMN } from '../core/columns.js';
import type { KubeObject, ResourceType } from '../types.js';
import { checkLabel, checkQualifiedName, checkSubdomain, duplicate, invalidValue, notSupported, required } from '../validation.js';

export interface EndpointPort {
  name?: string;
  protocol?: string;
  port?: number;
  appProtocol?: string;
}

export interface Endpoint {
  addresses: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  targetRef?: { kind?: string; namespace?: string; name?: string; uid?: string };
  nodeName?: string;
  zone?: string;
}

export type EndpointSlice = KubeObject & { addressType?: string; endpoints?: Endpoint[]; ports?: EndpointPort[] };

/** The Service a slice belongs to. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** Who writes a slice (the EndpointSlice controller keeps off the others'). */
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_ENDPOINTS = 1000;
const MAX_PORTS = 100;
const MAX_ADDRESSES = 100;
const SHOWN = 3;

const tooMany = (field: string, count: number, max: number): StatusCause => ({
  reason: 'FieldValueTooMany',
  message: `Too many: ${count}: must have at most ${max} items`,
  field,
});

function checkAddress(field: string, type: string, address: string): StatusCause[] {
  if (type === 'IPv4') return isIPv4(address) ? [] : [invalidValue(field, address, 'must be a valid IPv4 address')];
  if (type === 'IPv6') return isIPv6(address) ? [] : [invalidValue(field, address, 'must be a valid IPv6 address')];
  if (type === 'FQDN') {
    if (!address.includes('.')) return [invalidValue(field, address, 'should be a domain with at least two segments separated by dots')];
    return checkSubdomain(field, address);
  }
  return [];
}

function validateEndpoints(type: string, endpoints: Endpoint[]): StatusCause[] {
  if (endpoints.length > MAX_ENDPOINTS) return [tooMany('endpoints', endpoints.length, MAX_ENDPOINTS)];
  return endpoints.flatMap((ep, i) => {
    const at = `endpoints[${i}]`;
    const addresses = ep.addresses ?? [];
    const causes: StatusCause[] = [];
    if (!addresses.length) causes.push(required(`${at}.addresses`, 'must contain at least 1 address'));
    else if (addresses.length > MAX_ADDRESSES) causes.push(tooMany(`${at}.addresses`, addresses.length, MAX_ADDRESSES));
    addresses.forEach((a, j) => causes.push(...checkAddress(`${at}.addresses[${j}]`, type, a)));
    if (ep.hostname) causes.push(...checkLabel(`${at}.hostname`, ep.hostname));
    if (ep.nodeName) causes.push(...checkSubdomain(`${at}.nodeName`, ep.nodeName));
    return causes;
  });
}

function validatePorts(ports: EndpointPort[]): StatusCause[] {
  if (ports.length > MAX_PORTS) return [tooMany('ports', ports.length, MAX_PORTS)];
  const seen = new Set<string>();
  return ports.flatMap((p, i) => {
    const at = `ports[${i}]`;
    const causes: StatusCause[] = [];
    const name = p.name ?? '';
    if (name) causes.push(...checkLabel(`${at}.name`, name));
    if (seen.has(name)) causes.push(duplicate(`${at}.name`, name));
    seen.add(name);
    if (!p.protocol) causes.push(required(`${at}.protocol`));
    else if (!PROTOCOLS.includes(p.protocol)) causes.push(notSupported(`${at}.protocol`, p.protocol, PROTOCOLS));
    if (p.port !== undefined && (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535)) {
      causes.push(invalidValue(`${at}.port`, p.port, 'must be between 1 and 65535, inclusive'));
    }
    if (p.appProtocol) causes.push(...checkQualifiedName(`${at}.appProtocol`, p.appProtocol));
    return causes;
  });
}

/** Upstream's listWithMoreString: the first three, then how many more; `<unset>` for none. */
function listWithMore(items: string[]): string {
  const shown = items.slice(0, SHOWN).join(',');
  if (items.length > SHOWN) return `${shown} + ${items.length - SHOWN} more...`;
  return shown || '<unset>';
}

const formatPorts = (ports: EndpointPort[] = []) => listWithMore(ports.map((p) => (p.port !== undefined ? String(p.port) : (p.name ?? '*'))));
const formatEndpoints = (endpoints: Endpoint[] = []) => listWithMore(endpoints.flatMap((ep) => ep.addresses ?? []));

export const endpointslices: ResourceType = {
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  resource: 'endpointslices',
  singular: 'endpointslice',
  shortNames: [],
  categories: [],
  namespaced: true,
  subresources: [],
  strategy: {
    defaults(obj) {
      for (const p of (obj as EndpointSlice).ports ?? []) {
        p.name ??= '';
        p.protocol ??= 'TCP';
      }
    },
    validate(obj) {
      const slice = obj as EndpointSlice;
      const causes: StatusCause[] = [];
      const type = slice.addressType ?? '';
      if (!type) causes.push(required('addressType'));
      else if (!ADDRESS_TYPES.includes(type)) causes.push(notSupported('addressType', type, ADDRESS_TYPES));
      return [...causes, ...validateEndpoints(type, slice.endpoints ?? []), ...validatePorts(slice.ports ?? [])];
    },
    validateUpdate(obj, old) {
      const type = (obj as EndpointSlice).addressType;
      return type === (old as EndpointSlice).addressType ? [] : [invalidValue('addressType', type ?? '', 'field is immutable')];
    },
    columns: [
      NAME_COLUMN,
      { name: 'AddressType', type: 'string', description: 'The type of address every endpoint of the slice has.' },
      { name: 'Ports', type: 'string', description: 'The ports every endpoint of the slice serves.' },
      { name: 'Endpoints', type: 'string', description: 'The addresses of the endpoints of the slice.' },
      AGE_COLUMN,
    ],
    row(obj, now) {
      const slice = obj as EndpointSlice;
      return [slice.metadata.name, slice.addressType ?? '', formatPorts(slice.ports), formatEndpoints(slice.endpoints), age(slice.metadata.creationTimestamp, now)];
    },
  },
};
