// Opens the datastore a server was configured with.
import path from 'node:path';
import { LogStructuredStore, type LogStoreOptions } from './logstructured.js';
import { SqliteLog } from './sqlite/sqlite-log.js';
import type { Store } from './store.js';

export type { Store } from './store.js';

/** Where the embedded database lives inside a data dir (k3s's layout). */
export function defaultDatabaseFile(dataDir: string): string {
  return path.join(dataDir, 'server', 'db', 'state.db');
}

/**
 * `endpoint` is `sqlite://PATH` or a bare file path; etcd endpoints arrive
 * with the etcd backend.
 */
export function openStore(endpoint: string, options: LogStoreOptions = {}): Store {
  const file = endpoint.startsWith('sqlite://') ? endpoint.slice('sqlite://'.length) : endpoint;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) {
    throw new Error(`unsupported datastore endpoint ${endpoint}: only sqlite:// is available`);
  }
  return new LogStructuredStore(new SqliteLog(file), options);
}
