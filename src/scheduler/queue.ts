// The queue of pods waiting to be scheduled, as kube-scheduler keeps it:
// active pods by priority (then by age), pods that failed wait out a
// back-off (1 s doubling to 10 s), and unschedulable pods rest until
// something in the cluster changes (a node appears or changes, a pod
// leaves) — or five minutes pass — then try again.
import { keyOf } from '../client/informer.js';
import type { Pod } from '../apiserver/registry/core/types.js';

const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
const MAX_UNSCHEDULABLE_MS = 5 * 60 * 1000;

interface Entry {
  key: string;
  priority: number;
  seq: number;
}

/** A binary heap: highest priority first, then first in. */
class Heap {
  private readonly items: Entry[] = [];

  get size(): number {
    return this.items.length;
  }

  private before(a: Entry, b: Entry): boolean {
    return a.priority !== b.priority ? a.priority > b.priority : a.seq < b.seq;
  }

  push(e: Entry): void {
    const items = this.items;
    items.push(e);
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): Entry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length && last) {
      items[0] = last;
      for (let i = 0; ; ) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let best = i;
        if (l < items.length && this.before(items[l]!, items[best]!)) best = l;
        if (r < items.length && this.before(items[r]!, items[best]!)) best = r;
        if (best === i) break;
        [items[i], items[best]] = [items[best]!, items[i]!];
        i = best;
      }
    }
    return top;
  }
}

export class SchedulingQueue {
  private readonly active = new Heap();
  /** Keys in the heap; a key popped that is no longer here was removed meanwhile. */
  private readonly queued = new Set<string>();
  private readonly unschedulable = new Map<string, number>();
  private readonly backoffTimers = new Map<string, NodeJS.Timeout>();
  private readonly attempts = new Map<string, number>();
  private readonly priorities = new Map<string, number>();
  private seq = 0;
  private waiter: (() => void) | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor() {
    this.flushTimer = setInterval(() => this.flushStale(), 30_000);
    this.flushTimer.unref();
  }

  /** A pod that needs a node (new, or changed while waiting). */
  add(pod: Pod): void {
    const key = keyOf(pod);
    this.priorities.set(key, pod.spec.priority ?? 0);
    if (this.queued.has(key) || this.backoffTimers.has(key)) return;
    this.unschedulable.delete(key);
    this.activate(key);
  }

  private activate(key: string): void {
    if (this.closed || this.queued.has(key)) return;
    this.queued.add(key);
    this.active.push({ key, priority: this.priorities.get(key) ?? 0, seq: this.seq++ });
    this.waiter?.();
  }

  /** The pod is gone or bound: forget it wherever it waits. */
  delete(key: string): void {
    this.queued.delete(key);
    this.unschedulable.delete(key);
    clearTimeout(this.backoffTimers.get(key));
    this.backoffTimers.delete(key);
    this.attempts.delete(key);
    this.priorities.delete(key);
  }

  /** No node fits now: wait for a cluster change. */
  markUnschedulable(key: string): void {
    if (!this.priorities.has(key)) return;
    this.attempts.set(key, (this.attempts.get(key) ?? 0) + 1);
    this.unschedulable.set(key, Date.now());
  }

  /** Something went wrong (a failed binding): try again after the back-off. */
  backoff(key: string): void {
    if (!this.priorities.has(key)) return;
    const n = this.attempts.get(key) ?? 0;
    this.attempts.set(key, n + 1);
    this.retryAfter(key, Math.min(INITIAL_BACKOFF_MS * 2 ** n, MAX_BACKOFF_MS));
  }

  private retryAfter(key: string, ms: number): void {
    if (this.closed || this.backoffTimers.has(key)) return;
    const timer = setTimeout(() => {
      this.backoffTimers.delete(key);
      this.activate(key);
    }, ms);
    timer.unref();
    this.backoffTimers.set(key, timer);
  }

  /** A cluster change that may let unschedulable pods fit: each tries again once its back-off since its last attempt has passed. */
  moveAllToActive(): void {
    const now = Date.now();
    for (const [key, triedAt] of this.unschedulable) {
      const n = this.attempts.get(key) ?? 1;
      const wait = triedAt + Math.min(INITIAL_BACKOFF_MS * 2 ** (n - 1), MAX_BACKOFF_MS) - now;
      if (wait > 0) this.retryAfter(key, wait);
      else this.activate(key);
    }
    this.unschedulable.clear();
  }

  private flushStale(): void {
    const now = Date.now();
    for (const [key, since] of this.unschedulable) {
      if (now - since < MAX_UNSCHEDULABLE_MS) continue;
      this.unschedulable.delete(key);
      this.activate(key);
    }
  }

  /** The next pod key to schedule; undefined once closed. */
  async pop(): Promise<string | undefined> {
    for (;;) {
      if (this.closed) return undefined;
      const entry = this.active.pop();
      if (entry) {
        if (!this.queued.delete(entry.key)) continue;
        return entry.key;
      }
      await new Promise<void>((resolve) => (this.waiter = resolve));
      this.waiter = undefined;
    }
  }

  /** Pods waiting in any state. */
  get pending(): number {
    return this.priorities.size;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.flushTimer);
    for (const t of this.backoffTimers.values()) clearTimeout(t);
    this.waiter?.();
  }
}
