// Child process of the crash-durability test: writes without pause from 50
// concurrent writers and prints "key revision value" for every write the
// store acknowledged, until the test kills it with SIGKILL.
import { openStore } from '../../src/storage/index.js';

const store = openStore(process.argv[2]!);

async function writer(id: number): Promise<never> {
  for (let j = 0; ; j++) {
    const key = `/crash/${id}/${j % 20}`;
    const value = Buffer.from(`${id}-${j}`);
    const kv = j < 20 ? await store.create(key, value) : await store.update(key, value);
    process.stdout.write(`${key} ${kv.modRevision} ${id}-${j}\n`);
  }
}

for (let id = 0; id < 50; id++) void writer(id);
