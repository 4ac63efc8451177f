// Admission rules that look beyond the object itself, as upstream's
// plugins: NamespaceLifecycle (no content in a missing or terminating
// namespace; the system namespaces cannot be deleted) and
// DefaultTolerationSeconds (pods ride out a while of node trouble before
// they are evicted).
import type { KubeObject, ResourceType } from './registry/types.js';
import type { Resources } from './resources.js';
import { ApiError } from './status.js';

const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export interface AdmissionOptions {
  /** How long pods tolerate node.kubernetes.io/not-ready:NoExecute unless they say otherwise. */
  notReadyTolerationSeconds: number;
  unreachableTolerationSeconds: number;
}

export const DEFAULT_ADMISSION: AdmissionOptions = { notReadyTolerationSeconds: 300, unreachableTolerationSeconds: 300 };

export async function admitCreate(resources: Resources, type: ResourceType, namespace: string | undefined, obj: KubeObject, options: AdmissionOptions): Promise<void> {
  if (namespace) await admitToNamespace(resources, namespace, type.resource, obj.metadata.name ?? '');
  if (type.group === '' && type.resource === 'pods') addDefaultTolerations(obj, options);
}

/** Unless the pod already tolerates the taint's NoExecute (or any effect), it does so for the configured time. */
function addDefaultTolerations(pod: KubeObject, options: AdmissionOptions): void {
  const spec = ((pod.spec ??= {}) as { tolerations?: { key?: string; effect?: string }[] });
  const tolerations = (spec.tolerations ??= []);
  const defaults = [
    { key: 'node.kubernetes.io/not-ready', seconds: options.notReadyTolerationSeconds },
    { key: 'node.kubernetes.io/unreachable', seconds: options.unreachableTolerationSeconds },
  ];
  for (const { key, seconds } of defaults) {
    const covered = tolerations.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'));
    if (!covered) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds } as { key: string });
  }
}

async function admitToNamespace(resources: Resources, namespace: string, resource: string, name: string): Promise<void> {
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
