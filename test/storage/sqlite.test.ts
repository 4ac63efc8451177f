// The storage contract on the SQLite backend, plus what only a file has:
// refusing damaged or foreign files untouched, one process per file, and
// space given back after compaction.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { describe, it, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { openStore } from '../../src/storage/index.js';
import type { LogStoreOptions } from '../../src/storage/logstructured.js';
import { tempDir, withDeadline } from '../helpers.js';
import { storeContract } from './contract.js';

function openSqlite(t: TestContext, options?: LogStoreOptions) {
  const file = path.join(tempDir(t), 'state.db');
  const endpoint = `sqlite://${file}`;
  const store = openStore(endpoint, options);
  t.after(() => store.close());
  return { store, endpoint, file, reopen: () => openStore(endpoint, options) };
}

storeContract({ name: 'sqlite', open: async (t, options) => openSqlite(t, options) });

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function assertRefused(file: string, pattern: RegExp): void {
  const before = sha(file);
  assert.throws(
    () => openStore(`sqlite://${file}`),
    (err: Error) => {
      assert.ok(err.message.startsWith(file), `the error names the file: ${err.message}`);
      assert.match(err.message, pattern);
      assert.match(err.message, /the file was left untouched/);
      return true;
    },
  );
  assert.equal(sha(file), before, 'the file is byte for byte as it was');
}

describe('sqlite backend files', () => {
  it('refuses a file that is not a database', (t) => {
    const file = path.join(tempDir(t), 'state.db');
    fs.writeFileSync(file, 'these are not the bytes of a database\n'.repeat(200));
    assertRefused(file, /not an SQLite database/);
  });

  it('refuses an SQLite database that another program made', (t) => {
    const file = path.join(tempDir(t), 'state.db');
    const foreign = new Database(file);
    foreign.exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('ada')`);
    foreign.close();
    assertRefused(file, /not a peapod database/);
  });

  it('refuses a peapod database whose pages are damaged', async (t) => {
    const { store, file } = openSqlite(t);
    for (let i = 0; i < 200; i++) await store.create(`/r/${i}`, Buffer.alloc(512, i));
    await store.close();
    // Scribble over the second page, the root of the log table; the header's bytes 16-17 give the page size.
    const pageSize = fs.readFileSync(file).readUInt16BE(16);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(64, 0xee), 0, 64, pageSize);
    fs.closeSync(fd);
    assertRefused(file, /damaged/);
  });

  it('refuses a database another process holds open', async (t) => {
    const { store, file } = openSqlite(t);
    await store.create('/r/a', Buffer.from('1'));
    await store.close();
    const holder = spawn(
      process.execPath,
      ['--input-type=module', '-e', `
        import { openStore } from ${JSON.stringify(path.resolve('dist/src/storage/index.js'))};
        const s = openStore(process.argv[1]);
        await s.get('/r/a');
        console.log('open');
        setInterval(() => {}, 1000);`, file],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    t.after(() => holder.kill('SIGKILL'));
    const line = readline.createInterface({ input: holder.stdout });
    await withDeadline(new Promise((resolve) => line.once('line', resolve)), 10_000, 'the other process to open the file');
    assert.throws(() => openStore(`sqlite://${file}`), /in use by another process/);
  });

  it('gives space back after compaction', async (t) => {
    const { store, file } = openSqlite(t);
    for (let round = 0; round < 20; round++) {
      await Promise.all(Array.from({ length: 100 }, (_, i) =>
        round === 0 ? store.create(`/r/${i}`, Buffer.alloc(2048, round)) : store.update(`/r/${i}`, Buffer.alloc(2048, round))));
    }
    const size = () => fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
    const before = size();
    await store.compact(await store.currentRevision());
    const after = size();
    assert.ok(after < before / 4, `database and WAL shrank from ${before} to ${after} bytes`);
    assert.equal((await store.list('/r/')).items.length, 100);
  });
});
