// The log on embedded SQLite: one table, a row per write, the row id is the
// revision (kine's layout). WAL with synchronous=FULL makes every committed
// transaction durable before the caller is told; the exclusive lock keeps a
// second process from writing behind our in-memory revision and watchers.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BadDatabaseError } from '../errors.js';
import type { KeyRange, Log, LogRow, NewLogRow } from '../log.js';
import type { KeyValue } from '../store.js';

/** "peap" — marks the file as ours, so a foreign SQLite file is never written to. */
const APPLICATION_ID = 0x70656170;
const SCHEMA_VERSION = 1;

const SCHEMA = `
  CREATE TABLE log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    created INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    create_revision INTEGER NOT NULL,
    prev_revision INTEGER NOT NULL,
    value BLOB NOT NULL,
    old_value BLOB
  );
  CREATE INDEX log_name_id ON log (name, id);
  -- A key's rows form a chain; two writes claiming the same predecessor is a lost update.
  CREATE UNIQUE INDEX log_name_prev_revision ON log (name, prev_revision);
  CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  INSERT INTO meta (name, value) VALUES ('compact_revision', 0);
`;

interface RawRow {
  id: number;
  name: string;
  created: number;
  deleted: number;
  create_revision: number;
  prev_revision: number;
  value: Buffer;
  old_value: Buffer | null;
}

/** What a list needs of a key's newest row. */
type LiveRow = Pick<RawRow, 'id' | 'name' | 'created' | 'create_revision' | 'value'>;

const COLUMNS = 'id, name, created, deleted, create_revision, prev_revision, value, old_value';

function toLogRow(r: RawRow): LogRow {
  return {
    revision: r.id,
    key: r.name,
    created: r.created === 1,
    deleted: r.deleted === 1,
    // A creating row is its own create revision; it cannot know its id before the insert.
    createRevision: r.created === 1 ? r.id : r.create_revision,
    prevRevision: r.prev_revision,
    value: r.value,
    prevValue: r.old_value,
  };
}

/** SQLite's first 16 bytes; anything else under our file name is not a database. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Throws unless the file is absent, empty, or starts like an SQLite database; tells which. */
function checkHeader(file: string): 'new' | 'existing' {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'new';
    throw new BadDatabaseError(file, `cannot open: ${(err as Error).message}`);
  }
  try {
    const header = Buffer.alloc(16);
    const n = fs.readSync(fd, header, 0, 16, 0);
    if (n > 0 && !header.subarray(0, n).equals(SQLITE_HEADER.subarray(0, n))) {
      throw new BadDatabaseError(file, 'not an SQLite database (its header is wrong)');
    }
    if (n > 0 && n < 16) throw new BadDatabaseError(file, 'truncated SQLite header');
    return n === 0 ? 'new' : 'existing';
  } finally {
    fs.closeSync(fd);
  }
}

export class SqliteLog implements Log {
  private readonly db: Database.Database;
  private revision = 0;
  private compacted = 0;
  private readonly stmts;

  constructor(readonly location: string) {
    fs.mkdirSync(path.dirname(location), { recursive: true });
    this.db = openChecked(location, checkHeader(location));
    const db = this.db;
    this.stmts = {
      // INDEXED BY: left alone, the planner may walk (name, prev_revision) and sort.
      latest: db.prepare<[string, number], RawRow>(
        `SELECT ${COLUMNS} FROM log INDEXED BY log_name_id WHERE name = ? AND id <= ? ORDER BY id DESC LIMIT 1`,
      ),
      // SQLite fills the bare columns from the row that holds MAX(id), so one
      // pass over (name, id) yields each key's newest row, already in key order.
      range: db.prepare<[string, string, number, number], LiveRow>(
        `SELECT MAX(id) AS id, name, created, create_revision, value
           FROM log INDEXED BY log_name_id WHERE name >= ? AND name < ? AND id <= ?
           GROUP BY name HAVING deleted = 0 ORDER BY name LIMIT ?`,
      ),
      count: db.prepare<[string, string], { n: number }>(
        `SELECT COUNT(*) AS n FROM (
           SELECT MAX(id) FROM log INDEXED BY log_name_id WHERE name >= ? AND name < ?
           GROUP BY name HAVING deleted = 0)`,
      ),
      history: db.prepare<[number, number, string, string, number], RawRow>(
        `SELECT ${COLUMNS} FROM log WHERE id > ? AND id <= ? AND name >= ? AND name < ? ORDER BY id LIMIT ?`,
      ),
      insert: db.prepare<[string, number, number, number, number, Buffer, Buffer | null]>(
        `INSERT INTO log (name, created, deleted, create_revision, prev_revision, value, old_value)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      deleteSuperseded: db.prepare<[number, number]>(
        `DELETE FROM log WHERE id IN (SELECT prev_revision FROM log WHERE id > ? AND id <= ? AND prev_revision > 0)`,
      ),
      deleteTombstones: db.prepare<[number, number]>(`DELETE FROM log WHERE id > ? AND id <= ? AND deleted = 1`),
      setCompact: db.prepare<[number]>(`UPDATE meta SET value = ? WHERE name = 'compact_revision'`),
    };
    this.revision = Number(
      db.prepare<[], { seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = 'log'`).get()?.seq ?? 0,
    );
    this.compacted = db
      .prepare<[], { value: number }>(`SELECT value FROM meta WHERE name = 'compact_revision'`)
      .get()!.value;
  }

  currentRevision(): number {
    return this.revision;
  }

  compactRevision(): number {
    return this.compacted;
  }

  latest(key: string, atRevision: number): LogRow | undefined {
    const r = this.stmts.latest.get(key, atRevision);
    return r && toLogRow(r);
  }

  range(range: KeyRange, atRevision: number, limit: number): KeyValue[] {
    return this.stmts.range.all(range.start, range.end, atRevision, limit).map((r) => ({
      key: r.name,
      value: r.value,
      createRevision: r.created === 1 ? r.id : r.create_revision,
      modRevision: r.id,
    }));
  }

  count(range: KeyRange): number {
    return this.stmts.count.get(range.start, range.end)!.n;
  }

  history(range: KeyRange, after: number, upTo: number, limit: number): LogRow[] {
    return this.stmts.history.all(after, upTo, range.start, range.end, limit).map(toLogRow);
  }

  transaction<T>(fn: (append: (row: NewLogRow) => number) => T): T {
    let last = this.revision;
    const append = (row: NewLogRow): number => {
      const info = this.stmts.insert.run(
        row.key,
        row.created ? 1 : 0,
        row.deleted ? 1 : 0,
        row.created ? 0 : row.createRevision,
        row.prevRevision,
        row.value,
        row.prevValue,
      );
      last = Number(info.lastInsertRowid);
      return last;
    };
    const result = this.db.transaction(() => fn(append)).immediate();
    this.revision = last;
    return result;
  }

  compactSpan(from: number, to: number): number {
    const removed = this.db
      .transaction(() => {
        const removed =
          this.stmts.deleteSuperseded.run(from, to).changes + this.stmts.deleteTombstones.run(from, to).changes;
        this.stmts.setCompact.run(to);
        return removed;
      })
      .immediate();
    this.compacted = to;
    return removed;
  }

  reclaimSpace(): void {
    this.db.pragma('incremental_vacuum');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Opens the file, creating the schema when it is new, and refuses — without
 * writing a byte — a file that is damaged or belongs to something else.
 */
function openChecked(file: string, state: 'new' | 'existing'): Database.Database {
  let db: Database.Database;
  try {
    // Nothing else should hold the file: fail fast instead of waiting out the default 5 s.
    db = new Database(file, { timeout: 500 });
  } catch (err) {
    throw new BadDatabaseError(file, `cannot open: ${(err as Error).message}`);
  }
  try {
    if (state === 'new') {
      initialise(db);
    } else if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) {
      // That read of the header page comes first: a damaged file fails there, before any write.
      throw new BadDatabaseError(file, 'not a peapod database (another program made it)');
    } else {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version !== SCHEMA_VERSION) {
        throw new BadDatabaseError(file, `peapod schema version ${version} is not the supported ${SCHEMA_VERSION}`);
      }
    }
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // In exclusive mode the write lock, once taken, is held until close.
    db.exec('BEGIN IMMEDIATE; COMMIT');
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new BadDatabaseError(file, `damaged: ${check}`);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof BadDatabaseError) throw err;
    const e = err as { code?: string; message: string };
    if (e.code === 'SQLITE_BUSY') {
      throw new BadDatabaseError(file, 'in use by another process (is another peapod server running on this data dir?)');
    }
    throw new BadDatabaseError(file, `damaged or not a database (${e.code ?? 'error'}: ${e.message})`);
  }
}

function initialise(db: Database.Database): void {
  // Both must be chosen before anything, even a read, touches the new file.
  // 8 KiB pages hold three ~2.5 KB pod objects where 4 KiB pages hold one.
  db.pragma('page_size = 8192');
  db.pragma('auto_vacuum = INCREMENTAL');
  db.transaction(() => {
    db.exec(SCHEMA);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
