// Controllers own their objects' status: each writes the whole status it
// computed as a merge patch of the status subresource, with the fields it
// no longer has set to null (Go's omitempty leaves zeros out, and a merge
// patch would otherwise keep the old value). Nothing is written when
// nothing changed, so a resync costs no write.
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../apiserver/registry/types.js';
import type { ResourceClient } from '../client/client.js';

export async function writeStatus<T extends KubeObject>(
  client: ResourceClient<T>,
  obj: T,
  status: Record<string, unknown>,
): Promise<T | undefined> {
  const old = (obj.status ?? {}) as Record<string, unknown>;
  if (isDeepStrictEqual(old, status)) return undefined;
  const patch: Record<string, unknown> = { ...status };
  for (const key of Object.keys(old)) if (!(key in status)) patch[key] = null;
  return client.patch(obj.metadata.namespace, obj.metadata.name!, { status: patch }, undefined, 'status');
}
