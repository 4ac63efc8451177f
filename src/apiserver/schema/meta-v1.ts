// API types of meta/v1 (io.k8s.apimachinery.pkg.apis.meta.v1), as data (see types.ts).
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

export const metaV1: SchemaSet = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
    description: 'Metadata carried by every persisted object: its identity (name, namespace, uid), bookkeeping set by the server, and user-supplied labels and annotations.',
    fields: [
      { json: 'name', proto: 1, type: 'string', description: "The object's name, unique among objects of the same kind in its namespace. Usually required on create unless generateName is used; it cannot be changed afterwards." },
      { json: 'generateName', proto: 2, type: 'string', description: 'A prefix the server uses to make up a unique name when name is left empty; a random suffix is appended. Only consulted when name is not set.' },
      { json: 'namespace', proto: 3, type: 'string', description: 'The namespace the object lives in. Empty for cluster-scoped kinds; for namespaced kinds an empty value means the default namespace. Cannot be changed after creation.' },
      { json: 'selfLink', proto: 4, type: 'string', description: 'Deprecated and no longer filled in by the server; kept only for compatibility.' },
      { json: 'uid', proto: 5, type: 'string', description: 'A server-generated identifier that is unique across the lifetime of the cluster, distinguishing this object from others that reuse the same name. Read-only.' },
      { json: 'resourceVersion', proto: 6, type: 'string', description: 'An opaque token that changes whenever the object is modified. Clients pass it back unchanged for optimistic-concurrency updates and to resume watches; it must not be parsed.' },
      { json: 'generation', proto: 7, type: 'int64', description: 'A counter the server increments when the desired state (usually the spec) changes. Read-only.' },
      { json: 'creationTimestamp', proto: 8, type: 'Time', description: 'When the server created the object, in UTC (RFC 3339). Set by the server; clients cannot choose it. Null for lists.' },
      { json: 'deletionTimestamp', proto: 9, type: 'Time', description: 'When the object is due to disappear, set by the server once a graceful deletion has been requested. While it is set the object still exists and finalizers may still be running. Read-only.' },
      { json: 'deletionGracePeriodSeconds', proto: 10, type: 'int64', description: 'The grace period, in seconds, granted to the object when graceful deletion began. Only present together with deletionTimestamp; it may only be shortened. Read-only.' },
      { json: 'labels', proto: 11, type: { map: 'string' }, description: 'Key/value pairs used to organise objects and to select them with label selectors (for example by services and controllers).' },
      { json: 'annotations', proto: 12, type: { map: 'string' }, description: 'Arbitrary key/value metadata for tools and controllers. Unlike labels they cannot be used in selectors, and their values may be large.' },
      { json: 'ownerReferences', proto: 13, type: { list: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference' } }, patchMergeKey: 'uid', patchStrategy: 'merge', listType: 'map', listMapKeys: ['uid'], description: 'The objects this one depends on. When every owner listed here has been deleted the garbage collector removes this object; at most one entry may be marked as the controller.' },
      { json: 'finalizers', proto: 14, type: { list: 'string' }, patchStrategy: 'merge', listType: 'set', description: 'Names of components that must finish cleanup before the object can be removed from storage. Deletion only sets deletionTimestamp until this list is empty; entries may only be removed once deletion has started.' },
      { json: 'managedFields', proto: 17, type: { list: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry' } }, listType: 'atomic', description: 'Server-side apply bookkeeping recording which manager (user, tool or controller) owns which fields and through which operation. Maintained by the server; users normally leave it alone.' },
    ],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference': {
    description: 'Points at an object that owns the current one. The owner must be cluster-scoped or in the same namespace as the dependent, which is why there is no namespace field.',
    fields: [
      { json: 'apiVersion', proto: 5, type: 'string', required: true, description: 'The group/version of the owning object, e.g. apps/v1.' },
      { json: 'kind', proto: 1, type: 'string', required: true, description: 'The kind of the owning object, e.g. ReplicaSet.' },
      { json: 'name', proto: 3, type: 'string', required: true, description: 'The name of the owning object.' },
      { json: 'uid', proto: 4, type: 'string', required: true, description: 'The uid of the owning object; the reference only counts while this matches.' },
      { json: 'controller', proto: 6, type: 'boolean', description: 'When true, the owner is the controller managing this object. At most one owner reference may set this.' },
      { json: 'blockOwnerDeletion', proto: 7, type: 'boolean', description: 'When true and the owner is being deleted with foreground propagation, the owner stays in storage until this reference has been removed. Setting it requires delete permission on the owner.' },
    ],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry': {
    description: 'One row of server-side apply ownership: which manager owns which set of fields, at which API version, and how it came to own them.',
    fields: [
      { json: 'manager', proto: 1, type: 'string', description: 'The identity of the manager (user agent or field manager name) owning these fields.' },
      { json: 'operation', proto: 2, type: 'string', description: 'How the manager last touched the fields. One of Apply, Update.' },
      { json: 'apiVersion', proto: 3, type: 'string', description: 'The group/version in which the field set is expressed, since field paths are version specific.' },
      { json: 'time', proto: 4, type: 'Time', description: 'When the entry was last changed, i.e. when a manager gained fields or changed the value of one it owns.' },
      { json: 'fieldsType', proto: 6, type: 'string', description: 'The format of the fieldsV1 payload. The only value defined is FieldsV1.' },
      { json: 'fieldsV1', proto: 7, type: 'Object', description: 'The set of owned fields, encoded as a nested JSON trie of field, key and value selectors.' },
      { json: 'subresource', proto: 8, type: 'string', description: 'The subresource (such as status or scale) through which the fields were written, or empty for the main resource. Entries from the same manager on different subresources are tracked separately.' },
    ],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector': {
    description: 'A query over labels. matchLabels and matchExpressions are combined with AND; an empty selector matches every object and a null selector matches none.',
    fields: [
      { json: 'matchLabels', proto: 1, type: { map: 'string' }, description: 'Exact key/value pairs that must all be present; each pair is shorthand for an In requirement with a single value.' },
      { json: 'matchExpressions', proto: 2, type: { list: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement' } }, listType: 'atomic', description: 'Set-based requirements on labels that must all hold.' },
    ],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': {
    description: 'One set-based requirement on a label key, relating the key to a list of values through an operator.',
    fields: [
      { json: 'key', proto: 1, type: 'string', required: true, description: 'The label key the requirement applies to.' },
      { json: 'operator', proto: 2, type: 'string', required: true, description: 'How the key relates to the values. One of In, NotIn, Exists, DoesNotExist.' },
      { json: 'values', proto: 3, type: { list: 'string' }, listType: 'atomic', description: 'The values to compare against. Must be non-empty for In and NotIn and empty for Exists and DoesNotExist; replaced wholesale by strategic merge patch.' },
    ],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta': {
    description: "Metadata carried by list responses and other synthetic objects: the collection's resource version and paging information.",
    fields: [
      { json: 'selfLink', proto: 1, type: 'string', description: 'Deprecated and no longer filled in by the server; kept only for compatibility.' },
      { json: 'resourceVersion', proto: 2, type: 'string', description: 'The resource version at which the list was read. Opaque to clients; pass it to a watch to receive changes that happened after the list.' },
      { json: 'continue', proto: 3, type: 'string', description: 'An opaque paging token present when the server limited the response and more items remain; send it back as the continue parameter to fetch the next page. It expires after a while.' },
      { json: 'remainingItemCount', proto: 4, type: 'int64', description: "Roughly how many items remain after this page, for estimating the collection's size. Left unset when selectors were used or when this is the last page; clients should not count on it being present or exact." },
      { json: 'shardInfo', proto: 5, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ShardInfo' }, description: 'Present when the list is only one shard of the collection, echoing the shard selector that was applied so clients can stitch shards together.' },
    ],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ShardInfo': {
    description: 'Describes which shard selector produced a filtered list response.',
    fields: [
      { json: 'selector', proto: 1, type: 'string', required: true, description: 'The shard selector from the request, repeated back to the client.' },
    ],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Condition': {
    description: "A standard status condition: a typed observation about one aspect of an object's state, with a True/False/Unknown status and the reason it last changed.",
    fields: [
      { json: 'type', proto: 1, type: 'string', required: true, description: 'The condition type, in CamelCase or prefixed with a domain (foo.example.com/CamelCase).' },
      { json: 'status', proto: 2, type: 'string', required: true, description: 'Whether the condition holds. One of True, False, Unknown.' },
      { json: 'observedGeneration', proto: 3, type: 'int64', description: 'The metadata.generation the condition was computed from; if it is older than the current generation the condition may be stale.' },
      { json: 'lastTransitionTime', proto: 4, type: 'Time', required: true, description: 'When status last changed value.' },
      { json: 'reason', proto: 5, type: 'string', required: true, description: 'A CamelCase, machine-readable word explaining the last transition. Must be non-empty.' },
      { json: 'message', proto: 6, type: 'string', required: true, description: 'Human-readable detail about the last transition; may be empty.' },
    ],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions': {
    description: 'Options for a deletion: how long the object may take to go, conditions the current object must meet, and what happens to its dependents.',
    fields: [
      { json: 'gracePeriodSeconds', proto: 1, type: 'int64', description: 'Seconds the object has to shut down before it is removed; 0 removes it at once; unset lets its kind decide.' },
      { json: 'preconditions', proto: 2, type: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions' }, description: 'Conditions the current object must meet, or the deletion is refused with a Conflict.' },
      { json: 'orphanDependents', proto: 3, type: 'boolean', description: 'Deprecated: use propagationPolicy. Whether dependents are left behind (orphaned) instead of deleted.' },
      { json: 'propagationPolicy', proto: 4, type: 'string', description: 'What becomes of dependents: Orphan, Background or Foreground.' },
      { json: 'dryRun', proto: 5, type: { list: 'string' }, description: 'All: check the deletion but do not carry it out.' },
      { json: 'ignoreStoreReadErrorWithClusterBreakingPotential', proto: 6, type: 'boolean', description: 'Deletes an object that cannot be read from storage (corrupt). Dangerous; needs extra permission.' },
    ],
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions': {
    description: 'What the current object must be for an operation to go ahead.',
    fields: [
      { json: 'uid', proto: 1, type: 'string', description: 'The object must have this UID.' },
      { json: 'resourceVersion', proto: 2, type: 'string', description: 'The object must be at this resourceVersion.' },
    ],
  },
};
