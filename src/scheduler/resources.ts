// Resource amounts as the scheduler adds and compares them: CPU in
// millicores, everything else in plain units (bytes, counts), as integers.
import { parseQuantity } from '../apiserver/quantity.js';
import type { Pod } from './types.js';

export type Amounts = Map<string, number>;

/** Upstream's stand-ins for a container that requests nothing, used only when scoring. */
export const NON_ZERO_CPU_MILLIS = 100;
export const NON_ZERO_MEMORY = 200 * 1024 * 1024;

export function amount(resource: string, quantity: string | undefined): number {
  const value = quantity === undefined ? 0 : (parseQuantity(quantity) ?? 0);
  return resource === 'cpu' ? Math.ceil(value * 1000) : Math.ceil(value);
}

export function amountsOf(list: Record<string, string> | undefined): Amounts {
  const out: Amounts = new Map();
  for (const [resource, quantity] of Object.entries(list ?? {})) out.set(resource, amount(resource, quantity));
  return out;
}

function addInto(into: Amounts, from: Amounts, sign = 1): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + sign * v);
}

const requestsOf = (c: { resources?: { requests?: Record<string, string> } }) => amountsOf(c.resources?.requests);

/**
 * What a pod needs of a node, as upstream computes it: the sum over its
 * containers, or the largest init container if that is more, plus the
 * pod's overhead.
 */
export function podRequests(pod: Pod): Amounts {
  const total: Amounts = new Map();
  for (const c of pod.spec.containers) addInto(total, requestsOf(c));
  for (const init of pod.spec.initContainers ?? []) {
    for (const [k, v] of requestsOf(init)) if (v > (total.get(k) ?? 0)) total.set(k, v);
  }
  addInto(total, amountsOf(pod.spec.overhead));
  return total;
}

/** CPU and memory for scoring: a container asking for nothing counts as 100m and 200Mi. */
export function nonZeroRequests(pod: Pod): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec.containers) {
    const requests = c.resources?.requests ?? {};
    cpu += requests.cpu === undefined ? NON_ZERO_CPU_MILLIS : amount('cpu', requests.cpu);
    memory += requests.memory === undefined ? NON_ZERO_MEMORY : amount('memory', requests.memory);
  }
  return { cpu, memory };
}

export const addAmounts = (into: Amounts, from: Amounts) => addInto(into, from, 1);
export const subtractAmounts = (into: Amounts, from: Amounts) => addInto(into, from, -1);
