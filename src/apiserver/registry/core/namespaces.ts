// core/v1 Namespace: cluster-scoped, Active until deleted.
import { age } from '../../printers/duration.js';
import type { ResourceType } from '../types.js';
import { AGE_COLUMN, NAME_COLUMN } from './columns.js';

interface NamespaceFields {
  spec?: { finalizers?: string[] };
  status?: { phase?: string };
}

export const namespaces: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  resource: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  categories: [],
  namespaced: false,
  subresources: ['status', 'finalize'],
  strategy: {
    // Only the system sets the finalizers: every namespace starts with "kubernetes", and only
    // the finalize subresource (the namespace controller) changes them.
    prepareForCreate(obj) {
      (obj as typeof obj & NamespaceFields).spec = { ...(obj as NamespaceFields).spec, finalizers: ['kubernetes'] };
      obj.status = { phase: 'Active' };
    },
    prepareForUpdate(obj, old) {
      (obj as typeof obj & NamespaceFields).spec = { ...(obj as NamespaceFields).spec, finalizers: (old as NamespaceFields).spec?.finalizers };
      obj.status = old.status;
    },
    defaults(obj) {
      // Upstream labels every namespace with its own name, so selectors can pick namespaces by name.
      obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
    },
    // The "kubernetes" finalizer stays until the namespace controller has emptied the namespace.
    beginDeletion(obj) {
      const ns = obj as typeof obj & NamespaceFields;
      if (!ns.spec?.finalizers?.length) return false;
      ns.status = { ...ns.status, phase: 'Terminating' };
      return true;
    },
    readyToDelete: (obj) => !(obj as typeof obj & NamespaceFields).spec?.finalizers?.length,
    validate: () => [],
    fields: (obj) => ({ 'status.phase': (obj as typeof obj & NamespaceFields).status?.phase ?? '' }),
    columns: [NAME_COLUMN, { name: 'Status', type: 'string', description: 'The status of the namespace' }, AGE_COLUMN],
    row: (obj, now) => [obj.metadata.name, (obj as typeof obj & NamespaceFields).status?.phase ?? '', age(obj.metadata.creationTimestamp, now)],
  },
};
