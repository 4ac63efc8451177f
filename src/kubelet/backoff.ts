// Restart and image-pull back-off as upstream's kubelet keeps it: per key
// (a container of a pod, or an image), the first retry is immediate, then
// 10 s, doubling to 5 minutes; an entry untouched for twice the maximum
// (10 minutes, e.g. a container that ran that long) starts over.
export class Backoff {
  private readonly entries = new Map<string, { delayMs: number; lastUpdate: number }>();

  constructor(
    private readonly initialMs = 10_000,
    private readonly maxMs = 300_000,
  ) {}

  private live(key: string, now: number) {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastUpdate > 2 * this.maxMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Milliseconds still to wait after an event at `since` (0 when a retry may go now). */
  remaining(key: string, since: number, now = Date.now()): number {
    const entry = this.live(key, now);
    return entry ? Math.max(0, since + entry.delayMs - now) : 0;
  }

  /** The current delay, for messages ("back-off 20s"). */
  delay(key: string): number {
    return this.entries.get(key)?.delayMs ?? this.initialMs;
  }

  /** Milliseconds still to wait counted from the last recorded failure (0 when there is none, or it has expired). */
  remainingSinceLast(key: string, now = Date.now()): number {
    const entry = this.live(key, now);
    return entry ? this.remaining(key, entry.lastUpdate, now) : 0;
  }

  /** Forgets one key (a pull that finally worked starts its back-off afresh). */
  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Records a retry at `at`: the next one waits longer. */
  next(key: string, at = Date.now()): void {
    const entry = this.live(key, at);
    const delayMs = entry ? Math.min(entry.delayMs * 2, this.maxMs) : this.initialMs;
    this.entries.set(key, { delayMs, lastUpdate: at });
  }

  forget(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
