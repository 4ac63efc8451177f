// etcd's contract, built once over any Log: a write is "read the key's latest
// row, check the precondition, append a row". Writes that arrive in the same
// turn of the event loop share one transaction (group commit), so concurrent
// clients pay for one fsync between them; each is acknowledged only after
// that transaction is durable, and its event is then fanned out to watchers.
import { decodeContinue, encodeContinue } from './continue-token.js';
import {
  CompactedError,
  ConflictError,
  FutureRevisionError,
  KeyExistsError,
  KeyNotFoundError,
  StoreClosedError,
  StorageError,
} from './errors.js';
import { prefixRange, singleKeyRange, type Log, type LogRow, type NewLogRow } from './log.js';
import type { KeyValue, ListOptions, ListResult, Store, Watch, WatchEvent, WatchOptions } from './store.js';
import { WatchHub } from './watch-hub.js';

export interface LogStoreOptions {
  /** Undelivered events a watcher may hold before it is cut off. */
  watchBufferLimit?: number;
  /** How often idle progress-notify watchers hear the current revision. */
  progressIntervalMs?: number;
}

type WriteOp =
  | { kind: 'create'; key: string; value: Buffer }
  | { kind: 'update'; key: string; value: Buffer; expectedRevision?: number }
  | { kind: 'delete'; key: string; expectedRevision?: number };

interface PendingWrite {
  op: WriteOp;
  resolve: (kv: KeyValue) => void;
  reject: (err: Error) => void;
}

/** Revisions compacted per transaction, so compaction never stalls writers for long. */
const COMPACT_STEP = 1000;
const LATEST = Number.MAX_SAFE_INTEGER;

export class LogStructuredStore implements Store {
  private pending: PendingWrite[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly hub: WatchHub;
  private compacting: Promise<void> = Promise.resolve();
  /**
   * Where a compaction in progress is going. It runs in steps; reads and new
   * watches are refused below this floor from its first step on, or they
   * could start on history a later step removes.
   */
  private compactFloor = 0;

  constructor(
    private readonly log: Log,
    options: LogStoreOptions = {},
  ) {
    this.hub = new WatchHub(
      (range, after, upTo, limit) => log.history(range, after, upTo, limit).map(rowToEvent),
      () => log.currentRevision(),
      {
        bufferLimit: options.watchBufferLimit ?? 10_000,
        progressIntervalMs: options.progressIntervalMs ?? 5_000,
        catchUpChunk: 1_000,
      },
    );
  }

  async currentRevision(): Promise<number> {
    this.assertOpen();
    return this.log.currentRevision();
  }

  async compactRevision(): Promise<number> {
    this.assertOpen();
    return this.floor();
  }

  private floor(): number {
    return Math.max(this.log.compactRevision(), this.compactFloor);
  }

  create(key: string, value: Buffer): Promise<KeyValue> {
    return this.enqueue({ kind: 'create', key, value });
  }

  update(key: string, value: Buffer, expectedRevision?: number): Promise<KeyValue> {
    return this.enqueue({ kind: 'update', key, value, expectedRevision });
  }

  delete(key: string, expectedRevision?: number): Promise<KeyValue> {
    return this.enqueue({ kind: 'delete', key, expectedRevision });
  }

  async get(key: string, revision?: number): Promise<KeyValue | undefined> {
    this.assertOpen();
    const row = this.log.latest(key, this.readableRevision(revision));
    return row && !row.deleted ? rowToKeyValue(row) : undefined;
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    this.assertOpen();
    const range = prefixRange(prefix);
    let revision = options.revision;
    if (options.continue !== undefined) {
      const token = decodeContinue(options.continue);
      revision = token.revision;
      range.start = prefix + token.start;
    }
    const atRevision = this.readableRevision(revision);
    const limit = options.limit && options.limit > 0 ? options.limit : 0;
    // One row past the page tells whether another page exists.
    const items = this.log.range(range, atRevision, limit ? limit + 1 : -1);
    const result: ListResult = { items, revision: atRevision };
    if (limit && items.length > limit) {
      items.length = limit;
      // Resume just after the last key of this page.
      result.continue = encodeContinue(atRevision, items[limit - 1]!.key.slice(prefix.length) + '\0');
    }
    return result;
  }

  async count(prefix: string): Promise<number> {
    this.assertOpen();
    return this.log.count(prefixRange(prefix));
  }

  watch(options: WatchOptions): Watch {
    this.assertOpen();
    return this.hub.open({
      options,
      range: options.prefix ? prefixRange(options.key) : singleKeyRange(options.key),
      currentRevision: this.log.currentRevision(),
      compactRevision: this.floor(),
    });
  }

  requestProgress(): void {
    this.hub.requestProgress();
  }

  compact(revision: number): Promise<void> {
    this.assertOpen();
    const run = this.compacting.then(() => this.compactTo(revision));
    this.compacting = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    await this.compacting;
    this.hub.close();
    this.log.close();
  }

  private async compactTo(revision: number): Promise<void> {
    const current = this.log.currentRevision();
    if (revision > current) throw new FutureRevisionError(revision, current);
    // A watcher still reading its backlog keeps the rows it needs.
    const target = Math.min(revision, this.hub.oldestBacklogRevision());
    let from = this.log.compactRevision();
    if (target <= from) return;
    this.compactFloor = Math.max(this.compactFloor, target);
    while (from < target && !this.closed) {
      const to = Math.min(from + COMPACT_STEP, target);
      this.log.compactSpan(from, to);
      from = to;
      // Let writes and reads run between steps.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!this.closed) this.log.reclaimSpace();
  }

  private readableRevision(revision: number | undefined): number {
    const current = this.log.currentRevision();
    if (revision === undefined || revision === 0) return current;
    if (revision > current) throw new FutureRevisionError(revision, current);
    const compacted = this.floor();
    if (revision < compacted) throw new CompactedError(revision, compacted);
    return revision;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }

  private enqueue(op: WriteOp): Promise<KeyValue> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    return new Promise((resolve, reject) => {
      this.pending.push({ op, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every pending write in one transaction, then acknowledges and publishes them. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const outcomes: (KeyValue | StorageError)[] = [];
    const events: WatchEvent[] = [];
    try {
      this.log.transaction((append) => {
        for (const { op } of batch) {
          const outcome = this.apply(op, append);
          if (outcome instanceof StorageError) {
            outcomes.push(outcome);
          } else {
            outcomes.push(outcome.kv);
            events.push(outcome);
          }
        }
      });
    } catch (err) {
      // Nothing of the batch was written: every writer hears why.
      for (const w of batch) w.reject(err as Error);
      return;
    }
    this.hub.publish(events);
    batch.forEach((w, i) => {
      const outcome = outcomes[i]!;
      if (outcome instanceof StorageError) w.reject(outcome);
      else w.resolve(outcome);
    });
  }

  /** Checks one write's precondition against the key's latest row and appends its row. */
  private apply(op: WriteOp, append: (row: NewLogRow) => number): WatchEvent | StorageError {
    const current = this.log.latest(op.key, LATEST);
    const live = current && !current.deleted ? current : undefined;
    if (op.kind === 'create') {
      if (live) return new KeyExistsError(op.key, rowToKeyValue(live));
      const row: NewLogRow = {
        key: op.key,
        created: true,
        deleted: false,
        createRevision: 0,
        prevRevision: current?.revision ?? 0,
        value: op.value,
        prevValue: null,
      };
      return rowToEvent(withRevision(row, append(row)));
    }
    if (!live) return new KeyNotFoundError(op.key);
    if (op.expectedRevision !== undefined && op.expectedRevision !== live.revision) {
      return new ConflictError(op.key, op.expectedRevision, rowToKeyValue(live));
    }
    const row: NewLogRow =
      op.kind === 'update'
        ? {
            key: op.key,
            created: false,
            deleted: false,
            createRevision: live.createRevision,
            prevRevision: live.revision,
            value: op.value,
            prevValue: live.value,
          }
        : {
            // A tombstone keeps the deleted value, which is also its prevKv.
            key: op.key,
            created: false,
            deleted: true,
            createRevision: live.createRevision,
            prevRevision: live.revision,
            value: live.value,
            prevValue: null,
          };
    return rowToEvent(withRevision(row, append(row)));
  }
}

function withRevision(row: NewLogRow, revision: number): LogRow {
  const createRevision = row.created ? revision : row.createRevision;
  return { ...row, revision, createRevision };
}

function rowToKeyValue(row: LogRow): KeyValue {
  return { key: row.key, value: row.value, createRevision: row.createRevision, modRevision: row.revision };
}

function rowToEvent(row: LogRow): WatchEvent {
  const kv = rowToKeyValue(row);
  if (row.created) return { type: 'ADDED', kv };
  const prevKv: KeyValue = {
    key: row.key,
    value: row.deleted ? row.value : row.prevValue!,
    createRevision: row.createRevision,
    modRevision: row.prevRevision,
  };
  return { type: row.deleted ? 'DELETED' : 'MODIFIED', kv, prevKv };
}
