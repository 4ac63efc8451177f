// The one shape every controller has: informers say which keys changed, a
// work queue holds them, and workers call reconcile(key), which looks at the
// world as it is now and takes the next step (level-triggered, idempotent).
// A failed reconcile comes back after the queue's back-off; a reconcile may
// also ask to look again later (e.g. when a timeout will have passed).
import { isConflict } from '../client/client.js';
import { WorkQueue, type BackoffOptions } from './workqueue.js';

export interface Reconciler {
  readonly name: string;
  /** Resolves with a delay in ms to look at the key again, or nothing when done. */
  reconcile(key: string): Promise<number | void>;
}

export interface ControllerOptions {
  workers?: number;
  backoff?: BackoffOptions;
  onError?: (message: string) => void;
}

export class Controller {
  readonly queue: WorkQueue;
  private readonly workers: Promise<void>[] = [];

  constructor(
    private readonly reconciler: Reconciler,
    private readonly options: ControllerOptions = {},
  ) {
    this.queue = new WorkQueue(options.backoff);
  }

  enqueue(key: string): void {
    this.queue.add(key);
  }

  start(): void {
    for (let i = 0; i < (this.options.workers ?? 1); i++) this.workers.push(this.work());
  }

  async stop(): Promise<void> {
    this.queue.shutDown();
    await Promise.all(this.workers);
  }

  private async work(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      try {
        const again = await this.reconciler.reconcile(key);
        this.queue.forget(key);
        if (typeof again === 'number') this.queue.addAfter(key, again);
      } catch (err) {
        // A conflict only says the cache was behind a write: the retry reads the newer version. Nothing to report.
        if (!isConflict(err)) this.options.onError?.(`${this.reconciler.name}: ${key}: ${err instanceof Error ? err.message : String(err)}`);
        this.queue.addRateLimited(key);
      } finally {
        this.queue.done(key);
      }
    }
  }
}
