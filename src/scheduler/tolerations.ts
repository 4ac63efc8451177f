// Whether a toleration matches a taint, as upstream's ToleratesTaint has it:
// an empty key with Exists matches every taint, an empty effect every effect.
import type { Taint, Toleration } from '../apiserver/registry/core/types.js';

export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

export const tolerated = (tolerations: Toleration[] | undefined, taint: Taint) => (tolerations ?? []).some((t) => tolerates(t, taint));
