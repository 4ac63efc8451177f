// The storage contract: etcd's semantics as kube-apiserver relies on them.
// Every backend (SQLite today, etcd later) implements `Store` and passes the
// same contract suite in test/storage/contract.ts.

/** One version of one key, as etcd's mvccpb.KeyValue. */
export interface KeyValue {
  key: string;
  value: Buffer;
  /** Revision of the write that created this incarnation of the key. */
  createRevision: number;
  /** Revision of the last write to the key: the object's resourceVersion. */
  modRevision: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  /**
   * The key after the event. For DELETED it carries the last value the key
   * had and the revision of the deletion, which is what a Kubernetes DELETED
   * watch event shows.
   */
  kv: KeyValue;
  /** The previous version: present on MODIFIED and DELETED. */
  prevKv?: KeyValue;
}

/** Tells an idle watcher that every event up to `revision` has been delivered. */
export interface ProgressNotification {
  type: 'PROGRESS';
  revision: number;
}

export type WatchMessage = WatchEvent | ProgressNotification;

export interface WatchOptions {
  /** The key to watch, or the prefix when `prefix` is true. */
  key: string;
  prefix?: boolean;
  /**
   * Deliver every event with a revision greater than this one. Omitted: only
   * events after the current revision. Older than the compacted revision:
   * the watch fails with CompactedError.
   */
  afterRevision?: number;
  /** Send PROGRESS messages while the watch is idle. */
  progressNotify?: boolean;
}

/**
 * A running watch. Iterate it for events in revision order; iteration throws
 * a StorageError when the watch cannot go on (compacted, fell behind, store
 * closed). `close()` ends it from the consumer's side.
 */
export interface Watch extends AsyncIterable<WatchMessage> {
  close(): void;
}

export interface ListOptions {
  /** Read at this revision instead of the current one. */
  revision?: number;
  /** At most this many items; a `continue` token is returned when more remain. */
  limit?: number;
  /** A token from an earlier page: resumes the same list at the same revision. */
  continue?: string;
}

export interface ListResult {
  items: KeyValue[];
  /** The revision the list was read at. */
  revision: number;
  /** Present when more items remain. */
  continue?: string;
}

export interface Store {
  /** The revision of the latest write. */
  currentRevision(): Promise<number>;
  /** The oldest revision that can still be read or watched from. */
  compactRevision(): Promise<number>;

  /** Creates the key; KeyExistsError if it exists. */
  create(key: string, value: Buffer): Promise<KeyValue>;
  /**
   * Replaces the value of an existing key; KeyNotFoundError if absent. With
   * `expectedRevision`, only if the key's modRevision still equals it
   * (ConflictError otherwise, carrying the current version).
   */
  update(key: string, value: Buffer, expectedRevision?: number): Promise<KeyValue>;
  /**
   * Deletes the key and returns the value it had, with the revision of the
   * deletion as modRevision (what kube-apiserver answers a DELETE with);
   * KeyNotFoundError if absent; ConflictError if `expectedRevision` is stale.
   */
  delete(key: string, expectedRevision?: number): Promise<KeyValue>;
  /** The key's current value, or its value at `revision`. */
  get(key: string, revision?: number): Promise<KeyValue | undefined>;
  /** The live keys under `prefix` in key order, consistent at one revision. */
  list(prefix: string, options?: ListOptions): Promise<ListResult>;
  /** How many live keys are under `prefix`. */
  count(prefix: string): Promise<number>;
  watch(options: WatchOptions): Watch;
  /** Sends a PROGRESS message to every progress-notify watcher now. */
  requestProgress(): void;
  /** Forgets the history before `revision`; older reads and watches fail. */
  compact(revision: number): Promise<void>;
  close(): Promise<void>;
}
