// Server-side Table output (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`),
// which `kubectl get` asks for. The server always sends every column, wide
// ones included; kubectl hides priority-1 columns unless `-o wide`.
import type { KubeObject, ResourceType } from './registry/types.js';

export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => /;\s*as=Table/.test(part) && /g=meta\.k8s\.io/.test(part));
}

export function toTable(
  type: ResourceType,
  objects: KubeObject[],
  listMeta: { resourceVersion?: string; continue?: string },
  now: Date,
) {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: type.strategy.columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description,
      priority: c.priority ?? 0,
    })),
    rows: objects.map((obj) => ({
      cells: type.strategy.row(obj, now),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata },
    })),
  };
}
