// API types of coordination.k8s.io/v1 (io.k8s.api.coordination.v1), as data (see types.ts).
// Field names, protobuf numbers, patch keys and list semantics follow upstream's
// types.go and generated.proto; the descriptions are our own.
//
// Conventions:
// - A field with json '' is an embedded struct that Go inlines (json:",inline"):
//   in JSON its fields sit directly on the parent object, while in protobuf it is
//   one nested message at the given field number (e.g. Probe.handler = 1,
//   Volume.volumeSource = 2, ConfigMapKeySelector.localObjectReference = 1).
// - apiVersion and kind are not listed: they have no protobuf field (the
//   runtime.Unknown envelope carries them) and are implied by gvk.
import type { SchemaSet } from './types.js';

export const coordinationV1: SchemaSet = {
  'io.k8s.api.coordination.v1.Lease': {
    description: 'A lease record, used for leader election and for node heartbeats: whoever holds it periodically renews it, and others may take it over once it lapses.',
    gvk: { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' },
    fields: [
      { json: 'metadata', proto: 1, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, description: 'Standard object metadata.' },
      { json: 'spec', proto: 2, type: { ref: 'io.k8s.api.coordination.v1.LeaseSpec' }, description: "The lease's holder, duration and renewal times." },
    ],
  },
  'io.k8s.api.coordination.v1.LeaseSpec': {
    description: 'The state of a lease: who holds it, for how long it is valid, and when it was acquired and renewed.',
    fields: [
      { json: 'holderIdentity', proto: 1, type: 'string', description: 'The identity of the current holder. Under coordinated leader election this must be the name of the elected LeaseCandidate.' },
      { json: 'leaseDurationSeconds', proto: 2, type: 'int32', description: 'How long, counted from renewTime, other candidates must wait before they may forcibly take the lease.' },
      { json: 'acquireTime', proto: 3, type: 'MicroTime', description: 'When the current holder obtained the lease.' },
      { json: 'renewTime', proto: 4, type: 'MicroTime', description: 'When the current holder last renewed the lease.' },
      { json: 'leaseTransitions', proto: 5, type: 'int32', description: 'How many times the lease has passed from one holder to another.' },
      { json: 'strategy', proto: 6, type: 'string', description: 'The strategy used to choose a leader under coordinated leader election; unset means no coordination is active. The only value defined is OldestEmulationVersion. Alpha, behind the CoordinatedLeaderElection feature gate.' },
      { json: 'preferredHolder', proto: 7, type: 'string', description: 'Tells the current holder that a better-suited candidate exists and that it should step down. May only be set together with strategy.' },
    ],
  },
};
