// The narrow interface a log-structured backend implements (kine's shape):
// an append-only log of rows, one per write, whose row id is the revision.
// Everything etcd-like (preconditions, paging, watch, compaction policy) is
// built once on top of it in logstructured.ts.
//
// The calls are synchronous on purpose: an embedded database answers without
// waiting, and doing the read-check-append of a write batch inside one
// synchronous transaction is what makes compare-and-swap atomic.
import type { KeyValue } from './store.js';

/** One row of the log: one write to one key. */
export interface LogRow {
  revision: number;
  key: string;
  /** The write created the key (ADDED). */
  created: boolean;
  /** The write deleted the key (a tombstone). */
  deleted: boolean;
  createRevision: number;
  /** Revision of the key's previous row; 0 when there is none. */
  prevRevision: number;
  /** The value after the write; for a tombstone, the value that was deleted. */
  value: Buffer;
  /** The value before the write, so history rows carry their own prevKv. */
  prevValue: Buffer | null;
}

export type NewLogRow = Omit<LogRow, 'revision'>;

/** A half-open key range [start, end). */
export interface KeyRange {
  start: string;
  end: string;
}

export interface Log {
  /** Where the log lives, for messages. */
  readonly location: string;
  /** Revision of the last row ever appended (never goes back, even after compaction). */
  currentRevision(): number;
  compactRevision(): number;
  /** The newest row of `key` with revision ≤ `atRevision` (tombstones included). */
  latest(key: string, atRevision: number): LogRow | undefined;
  /** The keys in the range that are live at `atRevision`, in key order; limit -1 for all. */
  range(range: KeyRange, atRevision: number, limit: number): KeyValue[];
  /** How many keys in the range are live now. */
  count(range: KeyRange): number;
  /** Rows in the range with revision in (after, upTo], in revision order. */
  history(range: KeyRange, after: number, upTo: number, limit: number): LogRow[];
  /**
   * Runs `fn` in one transaction; `append` adds a row and returns its
   * revision. When `transaction` returns, the rows are durable; when it
   * throws, none of them were written.
   */
  transaction<T>(fn: (append: (row: NewLogRow) => number) => T): T;
  /**
   * Removes rows superseded at or before a revision in (from, to], and
   * tombstones in that span, then records `to` as the compact revision.
   * Returns how many rows were removed.
   */
  compactSpan(from: number, to: number): number;
  /** Gives freed space back to the file system. */
  reclaimSpace(): void;
  close(): void;
}

/** The smallest key greater than every key that starts with `prefix`. */
export function prefixEnd(prefix: string): string {
  // Keys compare as UTF-8 bytes; bumping the last character keeps that order
  // for the ASCII keys Kubernetes builds (/registry/<resource>/<ns>/<name>).
  if (prefix === '') return '\u{10FFFF}';
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

export function prefixRange(prefix: string): KeyRange {
  return { start: prefix, end: prefixEnd(prefix) };
}

export function singleKeyRange(key: string): KeyRange {
  return { start: key, end: key + '\0' };
}
