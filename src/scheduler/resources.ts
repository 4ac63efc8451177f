// Resource amounts as the scheduler adds and compares them: CPU in
// millicores, everything else in plain units (bytes, counts), as integers.
// The four resources every node has are plain fields, so the filter that
// runs for every pod on every node reads numbers, not map entries;
// extended resources (GPUs, hugepages) sit in a map beside them.
import { parseQuantity } from '../apiserver/quantity.js';
import type { Pod } from '../apiserver/registry/core/types.js';

/** Upstream's stand-ins for a container that requests nothing, used only when scoring. */
export const NON_ZERO_CPU_MILLIS = 100;
export const NON_ZERO_MEMORY = 200 * 1024 * 1024;

export function amount(resource: string, quantity: string | undefined): number {
  const value = quantity === undefined ? 0 : (parseQuantity(quantity) ?? 0);
  return resource === 'cpu' ? Math.ceil(value * 1000) : Math.ceil(value);
}

export class Amounts {
  cpu = 0;
  memory = 0;
  ephemeralStorage = 0;
  pods = 0;
  other: Map<string, number> | undefined;

  static of(list: Record<string, string> | undefined): Amounts {
    const out = new Amounts();
    for (const [resource, quantity] of Object.entries(list ?? {})) out.set(resource, amount(resource, quantity));
    return out;
  }

  get(resource: string): number {
    switch (resource) {
      case 'cpu':
        return this.cpu;
      case 'memory':
        return this.memory;
      case 'ephemeral-storage':
        return this.ephemeralStorage;
      case 'pods':
        return this.pods;
      default:
        return this.other?.get(resource) ?? 0;
    }
  }

  set(resource: string, value: number): void {
    switch (resource) {
      case 'cpu':
        this.cpu = value;
        break;
      case 'memory':
        this.memory = value;
        break;
      case 'ephemeral-storage':
        this.ephemeralStorage = value;
        break;
      case 'pods':
        this.pods = value;
        break;
      default:
        (this.other ??= new Map()).set(resource, value);
    }
  }

  /** Every resource with a non-zero amount. */
  entries(): [string, number][] {
    const all: [string, number][] = [
      ['cpu', this.cpu],
      ['memory', this.memory],
      ['ephemeral-storage', this.ephemeralStorage],
      ['pods', this.pods],
      ...(this.other ?? []),
    ];
    return all.filter(([, v]) => v !== 0);
  }

  /** Adds (sign 1) or takes away (sign -1) another set of amounts. */
  add(from: Amounts, sign = 1): void {
    this.cpu += sign * from.cpu;
    this.memory += sign * from.memory;
    this.ephemeralStorage += sign * from.ephemeralStorage;
    this.pods += sign * from.pods;
    for (const [k, v] of from.other ?? []) this.set(k, this.get(k) + sign * v);
  }
}

/**
 * What a pod needs of a node, as upstream computes it: the sum over its
 * containers, or the largest init container if that is more, plus the
 * pod's overhead.
 */
export function podRequests(pod: Pod): Amounts {
  const total = new Amounts();
  for (const c of pod.spec.containers) total.add(Amounts.of(c.resources?.requests));
  for (const init of pod.spec.initContainers ?? []) {
    for (const [k, v] of Amounts.of(init.resources?.requests).entries()) if (v > total.get(k)) total.set(k, v);
  }
  total.add(Amounts.of(pod.spec.overhead));
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
