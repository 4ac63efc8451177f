// Keeps a window of history and compacts what is older, as k3s's kine does:
// every interval it compacts up to the revision that was current one interval
// ago, but always leaves at least `minRetain` revisions. Watchers and paged
// lists inside the window can resume; older ones get 410 Gone from the API.
import type { Store } from './store.js';

export interface CompactorOptions {
  /** How often to compact, and so how much time of history is kept. Kine: 5 minutes. */
  intervalMs: number;
  /** Revisions always kept behind the current one. Kine: 1000. */
  minRetain: number;
}

export const DEFAULT_COMPACTION: CompactorOptions = { intervalMs: 5 * 60_000, minRetain: 1000 };

export class Compactor {
  private timer: NodeJS.Timeout | undefined;
  private revisionAtLastTick = 0;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly options: CompactorOptions = DEFAULT_COMPACTION,
    private readonly onError: (err: Error) => void = () => {},
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running = this.tick().catch(this.onError);
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a compaction in progress to finish. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One step: compact to the revision seen at the previous step, within the retention floor. */
  async tick(): Promise<void> {
    const current = await this.store.currentRevision();
    const target = Math.min(this.revisionAtLastTick, current - this.options.minRetain);
    this.revisionAtLastTick = current;
    if (target > (await this.store.compactRevision())) await this.store.compact(target);
  }
}
