// `peapod server`: brings up every part of the control plane that exists and
// runs until SIGINT/SIGTERM. Today that is the datastore and its compactor;
// the API server, scheduler, controllers and node agent join it here.
import { parseArgs } from 'node:util';
import { Compactor } from '../storage/compactor.js';
import { defaultDatabaseFile, openStore } from '../storage/index.js';

const HELP = `Usage: peapod server [flags]

Flags:
  --data-dir DIR              Where the cluster keeps its state (default /var/lib/peapod)
  --datastore-endpoint URL    sqlite://FILE (default DIR/server/db/state.db)
  --https-listen-port PORT    Port of the API server (default 6443)
`;

export async function runServer(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string', default: '/var/lib/peapod' },
      'datastore-endpoint': { type: 'string' },
      'https-listen-port': { type: 'string', default: '6443' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const dataDir = values['data-dir'];
  const endpoint = values['datastore-endpoint'] ?? `sqlite://${defaultDatabaseFile(dataDir)}`;
  const store = openStore(endpoint);
  const compactor = new Compactor(store, undefined, (err) => log(`compaction failed: ${err.message}`));
  compactor.start();
  log(`datastore ${endpoint} ready at revision ${await store.currentRevision()}`);
  log('the API server is not built yet: this process only holds the datastore open (Ctrl-C to stop)');

  // Until the API server listens, nothing else keeps the event loop alive.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(keepAlive);
  log('shutting down');
  await compactor.stop();
  await store.close();
  return 0;
}

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} peapod server: ${message}\n`);
}
