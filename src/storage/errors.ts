// Storage errors are values with a code the API server maps to a Status
// (KeyNotFound → 404, KeyExists → 409 AlreadyExists, Conflict → 409,
// Compacted → 410 Gone). The messages follow etcd's where etcd has one.
import type { KeyValue } from './store.js';

export type StorageErrorCode =
  | 'KeyNotFound'
  | 'KeyExists'
  | 'Conflict'
  | 'Compacted'
  | 'FutureRevision'
  | 'WatcherTooSlow'
  | 'InvalidContinue'
  | 'Closed'
  | 'BadDatabase';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export class KeyNotFoundError extends StorageError {
  constructor(readonly key: string) {
    super('KeyNotFound', `key not found: ${key}`);
  }
}

export class KeyExistsError extends StorageError {
  constructor(
    readonly key: string,
    readonly current: KeyValue,
  ) {
    super('KeyExists', `key already exists: ${key}`);
  }
}

/** A compare-and-swap lost: `current` is what the key holds now. */
export class ConflictError extends StorageError {
  constructor(
    readonly key: string,
    readonly expectedRevision: number,
    readonly current: KeyValue,
  ) {
    super(
      'Conflict',
      `revision conflict on ${key}: expected ${expectedRevision}, the key is at ${current.modRevision}`,
    );
  }
}

export class CompactedError extends StorageError {
  constructor(
    readonly requestedRevision: number,
    readonly compactRevision: number,
  ) {
    super(
      'Compacted',
      `mvcc: required revision has been compacted (requested ${requestedRevision}, compacted to ${compactRevision})`,
    );
  }
}

export class FutureRevisionError extends StorageError {
  constructor(
    readonly requestedRevision: number,
    readonly currentRevision: number,
  ) {
    super(
      'FutureRevision',
      `mvcc: required revision is a future revision (requested ${requestedRevision}, current ${currentRevision})`,
    );
  }
}

export class WatcherTooSlowError extends StorageError {
  constructor(
    readonly buffered: number,
    readonly lastDeliveredRevision: number,
  ) {
    super(
      'WatcherTooSlow',
      `watch cancelled: the watcher fell ${buffered} events behind; ` +
        `restart it from revision ${lastDeliveredRevision}`,
    );
  }
}

export class InvalidContinueError extends StorageError {
  constructor(reason: string) {
    super('InvalidContinue', `invalid continue token: ${reason}`);
  }
}

export class StoreClosedError extends StorageError {
  constructor() {
    super('Closed', 'storage is closed');
  }
}

/** The database file is damaged or not one of ours; it was left untouched. */
export class BadDatabaseError extends StorageError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super('BadDatabase', `${file}: ${reason}; the file was left untouched`);
  }
}
