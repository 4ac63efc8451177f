// Events expire, as kube-apiserver's --event-ttl (1h) makes them: upstream
// attaches an etcd lease to each; here a sweep deletes events whose last
// occurrence is older than the TTL. Events are the only kind that expires.
import type { Resources } from './resources.js';
import type { Event } from './registry/core/events.js';

export const DEFAULT_EVENT_TTL_MS = 60 * 60 * 1000;

export class EventReaper {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(
    private readonly resources: Resources,
    private readonly ttlMs: number = DEFAULT_EVENT_TTL_MS,
    private readonly onError: (err: unknown) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    // Sweeping twice per TTL (at most once a minute) keeps an event at most 1.5 TTLs.
    this.timer = setInterval(() => {
      this.sweeping = this.sweep().catch(this.onError);
    }, Math.min(this.ttlMs / 2, 60_000));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  async sweep(): Promise<void> {
    const events = this.resources.find('', 'v1', 'events')!;
    const cutoff = this.now() - this.ttlMs;
    for (const obj of (await events.list(undefined)).items) {
      const e = obj as Event;
      const last = Date.parse(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '');
      if (last < cutoff) {
        await events.delete(e.metadata.namespace, e.metadata.name!).catch((err: { reason?: string }) => {
          if (err.reason !== 'NotFound') throw err;
        });
      }
    }
  }
}
