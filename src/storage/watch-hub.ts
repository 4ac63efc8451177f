// Fans committed events out to every watcher in memory: the writer publishes
// each batch once, and no watcher ever polls the database for live events.
// A watcher that starts in the past first reads its backlog from the log in
// chunks, while live events wait in its queue. A watcher whose queue grows
// past the limit is cut off with WatcherTooSlowError instead of buffering
// without bound.
import { CompactedError, StoreClosedError, StorageError, WatcherTooSlowError } from './errors.js';
import type { KeyRange } from './log.js';
import type { Watch, WatchEvent, WatchMessage, WatchOptions } from './store.js';

/** Reads a backlog: events in `range` with revision in (after, upTo], oldest first. */
export type HistoryReader = (range: KeyRange, after: number, upTo: number, limit: number) => WatchEvent[];

export interface WatchHubOptions {
  /** Undelivered events a watcher may hold before it is cut off. */
  bufferLimit: number;
  /** How often idle progress-notify watchers are told the current revision. */
  progressIntervalMs: number;
  /** Backlog rows read per step while a watcher catches up. */
  catchUpChunk: number;
}

export interface WatchStart {
  options: WatchOptions;
  range: KeyRange;
  currentRevision: number;
  compactRevision: number;
}

export class WatchHub {
  private readonly watchers = new Set<Watcher>();
  private readonly progressTimer: NodeJS.Timeout;

  constructor(
    private readonly readHistory: HistoryReader,
    private readonly currentRevision: () => number,
    private readonly options: WatchHubOptions,
  ) {
    this.progressTimer = setInterval(() => this.tickProgress(), options.progressIntervalMs);
    this.progressTimer.unref();
  }

  open(start: WatchStart): Watch {
    const watcher = new Watcher(this, start, this.options);
    this.watchers.add(watcher);
    return watcher;
  }

  publish(events: WatchEvent[]): void {
    if (events.length === 0) return;
    for (const w of this.watchers) w.offer(events);
  }

  /** Sends PROGRESS to every progress-notify watcher now. */
  requestProgress(): void {
    const revision = this.currentRevision();
    for (const w of this.watchers) w.progress(revision, true);
  }

  /** The oldest revision some watcher still has to read from the log; compaction must not pass it. */
  oldestBacklogRevision(): number {
    let oldest = Infinity;
    for (const w of this.watchers) oldest = Math.min(oldest, w.backlogCursor());
    return oldest;
  }

  get size(): number {
    return this.watchers.size;
  }

  close(): void {
    clearInterval(this.progressTimer);
    for (const w of this.watchers) w.fail(new StoreClosedError());
    this.watchers.clear();
  }

  /** @internal */
  forget(w: Watcher): void {
    this.watchers.delete(w);
  }

  /** @internal */
  backlog(range: KeyRange, after: number, upTo: number): WatchEvent[] {
    return this.readHistory(range, after, upTo, this.options.catchUpChunk);
  }

  private tickProgress(): void {
    const revision = this.currentRevision();
    for (const w of this.watchers) w.progress(revision, false);
  }
}

class Watcher implements Watch {
  private queue: WatchMessage[] = [];
  private head = 0;
  private wake: (() => void) | undefined;
  private failure: StorageError | undefined;
  private closed = false;
  /** While catching up: the last backlog revision read, and where the backlog ends. */
  private backlog: { cursor: number; upTo: number } | undefined;
  private readonly after: number;
  /** Revision of the last message handed to the consumer: where a restarted watch resumes. */
  private delivered: number;
  private readonly matches: (key: string) => boolean;
  private readonly progressNotify: boolean;
  private sentSinceTick = false;

  constructor(
    private readonly hub: WatchHub,
    private readonly start: WatchStart,
    private readonly options: WatchHubOptions,
  ) {
    const { key, prefix, afterRevision, progressNotify } = start.options;
    this.matches = prefix ? (k) => k.startsWith(key) : (k) => k === key;
    this.progressNotify = progressNotify ?? false;
    this.after = afterRevision ?? start.currentRevision;
    this.delivered = this.after;
    if (this.after < start.compactRevision) {
      this.failure = new CompactedError(this.after, start.compactRevision);
    } else if (this.after < start.currentRevision) {
      this.backlog = { cursor: this.after, upTo: start.currentRevision };
    }
  }

  offer(events: WatchEvent[]): void {
    if (this.failure || this.closed) return;
    for (const e of events) {
      if (e.kv.modRevision > this.after && this.matches(e.kv.key)) this.push(e);
    }
    const pending = this.queue.length - this.head;
    if (pending > this.options.bufferLimit) {
      this.fail(new WatcherTooSlowError(pending, this.delivered));
    }
  }

  progress(revision: number, requested: boolean): void {
    if (!this.progressNotify || this.failure || this.closed) return;
    if (requested || !this.sentSinceTick) this.push({ type: 'PROGRESS', revision });
    this.sentSinceTick = false;
  }

  backlogCursor(): number {
    return this.backlog ? this.backlog.cursor : Infinity;
  }

  fail(err: StorageError): void {
    if (this.failure) return;
    this.failure = err;
    this.queue = [];
    this.head = 0;
    this.hub.forget(this);
    this.wakeUp();
  }

  close(): void {
    this.closed = true;
    this.hub.forget(this);
    this.wakeUp();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<WatchMessage> {
    try {
      for (;;) {
        if (this.closed) return;
        if (this.failure) throw this.failure;
        if (this.backlog) {
          for (const event of this.readBacklogChunk(this.backlog)) {
            this.delivered = event.kv.modRevision;
            yield event;
          }
          continue;
        }
        if (this.head < this.queue.length) {
          const message = this.queue[this.head++]!;
          if (this.head > 1024 && this.head * 2 > this.queue.length) {
            this.queue = this.queue.slice(this.head);
            this.head = 0;
          }
          this.delivered = message.type === 'PROGRESS' ? message.revision : message.kv.modRevision;
          yield message;
          continue;
        }
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      this.close();
    }
  }

  private readBacklogChunk(backlog: { cursor: number; upTo: number }): WatchEvent[] {
    const chunk = this.hub.backlog(this.start.range, backlog.cursor, backlog.upTo);
    if (chunk.length === 0) this.backlog = undefined;
    else backlog.cursor = chunk[chunk.length - 1]!.kv.modRevision;
    return chunk;
  }

  private push(message: WatchMessage): void {
    this.queue.push(message);
    this.sentSinceTick = true;
    this.wakeUp();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
