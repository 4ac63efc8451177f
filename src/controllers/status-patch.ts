// Status as a Go controller writes it: fields tagged omitempty are left
// out when zero (so `kubectl get -o yaml` shows what upstream's shows), and
// the write is a merge patch of the status subresource, which needs no
// resourceVersion and nulls what is to go.
import { isDeepStrictEqual } from 'node:util';

/** `status` without the `omitEmpty` fields that are 0 or unset. */
export function withoutEmpty<T extends object>(status: T, omitEmpty: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(status).filter(([k, v]) => v !== undefined && !(omitEmpty.includes(k) && v === 0))) as Partial<T>;
}

/** The merge patch taking `old` to `next`, or undefined when they are equal. */
export function statusPatch(old: object | undefined, next: object): { status: Record<string, unknown> } | undefined {
  if (isDeepStrictEqual(old ?? {}, next)) return undefined;
  const patch: Record<string, unknown> = { ...next };
  for (const key of Object.keys(old ?? {})) if (!(key in next)) patch[key] = null;
  return { status: patch };
}
