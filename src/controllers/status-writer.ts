// Controllers own their objects' status: each writes the whole status it
// computed as a merge patch of the status subresource, with the fields it
// no longer has set to null (Go's omitempty leaves zeros out, and a merge
// patch would otherwise keep the old value). Nothing is written when
// nothing changed, so a resync costs no write. Annotations a controller
// records beside its status (a Deployment's revision) go in the same write.
// The write is pinned to the object's resourceVersion, as upstream's
// UpdateStatus is.
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../apiserver/registry/types.js';
import type { ResourceClient } from '../client/client.js';

export async function writeStatus<T extends KubeObject>(
  client: ResourceClient<T>,
  obj: T,
  status: Record<string, unknown>,
  annotations: Record<string, string> = {},
): Promise<T | undefined> {
  const old = (obj.status ?? {}) as Record<string, unknown>;
  const annotationsChanged = Object.entries(annotations).some(([k, v]) => obj.metadata.annotations?.[k] !== v);
  if (!annotationsChanged && isDeepStrictEqual(old, status)) return undefined;
  const patch: Record<string, unknown> = { ...status };
  for (const key of Object.keys(old)) if (!(key in status)) patch[key] = null;
  // Pinned to the version the status was computed from: one computed from a stale cache is refused (409) and computed again.
  const metadata = { resourceVersion: obj.metadata.resourceVersion, ...(annotationsChanged ? { annotations } : {}) };
  return client.patch(obj.metadata.namespace, obj.metadata.name!, { metadata, status: patch }, undefined, 'status');
}

/** `status` without the `omitEmpty` fields that are 0 or unset, as Go writes fields tagged omitempty. */
export function withoutEmpty<T extends object>(status: T, omitEmpty: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(status).filter(([k, v]) => v !== undefined && !(omitEmpty.includes(k) && v === 0))) as Partial<T>;
}
