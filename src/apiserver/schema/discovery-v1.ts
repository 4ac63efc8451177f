// API types of discovery.k8s.io/v1 (io.k8s.api.discovery.v1), as data (see types.ts).
// Field names, protobuf numbers and list semantics follow upstream's types.go
// and generated.proto; the descriptions are our own.
import type { SchemaSet } from './types.js';

export const discoveryV1: SchemaSet = {
  'io.k8s.api.discovery.v1.EndpointSlice': {
    description: 'A part of the endpoints behind a service. A service may have several slices, found by the label kubernetes.io/service-name; its endpoints are all of theirs together.',
    gvk: { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, description: 'Standard object metadata.' },
      { json: 'addressType', proto: 4, type: 'string', required: true, description: 'What kind of address every endpoint of the slice has: IPv4, IPv6 or FQDN. Cannot be changed once set.' },
      { json: 'endpoints', proto: 2, type: { list: { ref: 'io.k8s.api.discovery.v1.Endpoint' } }, listType: 'atomic', required: true, description: 'The endpoints of this slice, at most 1000.' },
      { json: 'ports', proto: 3, type: { list: { ref: 'io.k8s.api.discovery.v1.EndpointPort' } }, listType: 'atomic', description: 'The ports every endpoint of the slice serves, each with a distinct name, at most 100. None means no ports are defined; a port without a number means all ports.' },
    ],
  },
  'io.k8s.api.discovery.v1.Endpoint': {
    description: 'One backend of a service.',
    fields: [
      { json: 'addresses', proto: 1, type: { list: 'string' }, listType: 'set', required: true, description: "The backend's addresses, of the slice's addressType: at least one and at most 100. They are interchangeable; consumers may use only the first." },
      { json: 'conditions', proto: 2, type: { ref: 'io.k8s.api.discovery.v1.EndpointConditions' }, description: 'Whether the backend is ready, serving and terminating.' },
      { json: 'hostname', proto: 3, type: 'string', description: 'A host name for the backend, e.g. for DNS; must be a DNS label. Endpoints sharing a host name are interchangeable.' },
      { json: 'targetRef', proto: 4, type: { ref: 'io.k8s.api.core.v1.ObjectReference' }, description: 'The object, usually a pod, that is this backend.' },
      { json: 'deprecatedTopology', proto: 5, type: { map: 'string' }, description: "Topology labels from the v1beta1 API. Ignored when written through v1; use nodeName and zone instead." },
      { json: 'nodeName', proto: 6, type: 'string', description: 'The node running the backend.' },
      { json: 'zone', proto: 7, type: 'string', description: 'The zone the backend is in.' },
      { json: 'hints', proto: 8, type: { ref: 'io.k8s.api.discovery.v1.EndpointHints' }, description: 'Which zones or nodes should send their traffic to this backend (topology-aware routing).' },
    ],
  },
  'io.k8s.api.discovery.v1.EndpointConditions': {
    description: 'The state of an endpoint. An unset condition is unknown.',
    fields: [
      { json: 'ready', proto: 1, type: 'boolean', description: 'Whether the backend may receive traffic. Unknown is best taken as ready. Never true for a terminating backend unless its service publishes not-ready addresses.' },
      { json: 'serving', proto: 2, type: 'boolean', description: 'Like ready, but kept true for a ready backend while it terminates. Unknown means: look at ready.' },
      { json: 'terminating', proto: 3, type: 'boolean', description: 'Whether the backend is shutting down. Unknown means it is not.' },
    ],
  },
  'io.k8s.api.discovery.v1.EndpointHints': {
    description: 'Where an endpoint should be used from.',
    fields: [
      { json: 'forZones', proto: 1, type: { list: { ref: 'io.k8s.api.discovery.v1.ForZone' } }, listType: 'atomic', description: 'The zones whose clients should use this endpoint, for topology-aware routing.' },
      { json: 'forNodes', proto: 2, type: { list: { ref: 'io.k8s.api.discovery.v1.ForNode' } }, listType: 'atomic', description: 'The nodes whose clients should use this endpoint, for node-local traffic distribution.' },
    ],
  },
  'io.k8s.api.discovery.v1.ForZone': {
    description: 'A zone that should use an endpoint.',
    fields: [{ json: 'name', proto: 1, type: 'string', required: true, description: "The zone's name." }],
  },
  'io.k8s.api.discovery.v1.ForNode': {
    description: 'A node that should use an endpoint.',
    fields: [{ json: 'name', proto: 1, type: 'string', required: true, description: "The node's name." }],
  },
  'io.k8s.api.discovery.v1.EndpointPort': {
    description: 'A port served by the endpoints of a slice.',
    fields: [
      { json: 'name', proto: 1, type: 'string', description: "The port's name, unique in the slice: empty or a DNS label. For a slice made for a service, the service port's name." },
      { json: 'protocol', proto: 2, type: 'string', description: 'The IP protocol: TCP, UDP or SCTP; defaults to TCP.' },
      { json: 'port', proto: 3, type: 'int32', description: 'The port number. Unset means any port, as the consumer understands it.' },
      { json: 'appProtocol', proto: 4, type: 'string', description: 'The application protocol: an IANA service name, a Kubernetes-defined name such as kubernetes.io/h2c, or a domain-prefixed custom name.' },
    ],
  },
};
