// Admission rules that look beyond the object itself, as upstream's
// NamespaceLifecycle plugin: no content in a missing or terminating
// namespace, and the system namespaces cannot be deleted.
import type { ResourceType } from './registry/types.js';
import type { Resources } from './resources.js';
import { ApiError } from './status.js';

const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export async function admitCreate(resources: Resources, namespace: string, resource: string, name: string): Promise<void> {
  const ns = await resources.find('', 'v1', 'namespaces')!.get(undefined, namespace);
  if (ns.metadata.deletionTimestamp) {
    throw new ApiError(
      403,
      'Forbidden',
      `${resource} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
      {
        name,
        kind: resource,
        causes: [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }],
      },
    );
  }
}

export function admitDelete(type: ResourceType, name: string): void {
  if (type.group === '' && type.resource === 'namespaces' && IMMORTAL_NAMESPACES.has(name)) {
    throw new ApiError(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
  }
}
