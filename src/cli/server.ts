// `peapod server`: brings up every part of the control plane that exists and
// runs until SIGINT/SIGTERM: the datastore and its compactor, the API server
// with its event expiry, and the namespace controller. The scheduler, the other controllers and the
// node agent join it here.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeKubeconfig, kubeconfig } from '../apiserver/kubeconfig.js';
import { EventReaper } from '../apiserver/event-ttl.js';
import { ensureCertificates } from '../apiserver/pki.js';
import { Resources } from '../apiserver/resources.js';
import { ApiServer } from '../apiserver/server.js';
import { NamespaceController } from '../controllers/namespace-controller.js';
import { Compactor, DEFAULT_COMPACTION } from '../storage/compactor.js';
import { defaultDatabaseFile, openStore } from '../storage/index.js';

const HELP = `Usage: peapod server [flags]

Flags:
  --data-dir DIR              Where the cluster keeps its state (default /var/lib/peapod)
  --datastore-endpoint URL    sqlite://FILE (default DIR/server/db/state.db)
  --https-listen-port PORT    Port of the API server (default 6443)
  --bind-address ADDR         Address the API server listens on (default: all)
  --event-ttl DURATION        How long events are kept (default 1h)
  --datastore-compact-interval DURATION
                              How much history the datastore keeps before compacting it
                              (default 5m; e.g. 30s, 500ms)
`;

/** Go-style durations as k3s's flags take them: 500ms, 30s, 5m, 1h. */
function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (!m) throw new Error(`invalid duration "${text}": use a number and a unit (ms, s, m, h), e.g. 5m`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

export async function runServer(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string', default: '/var/lib/peapod' },
      'datastore-endpoint': { type: 'string' },
      'https-listen-port': { type: 'string', default: '6443' },
      'bind-address': { type: 'string' },
      'datastore-compact-interval': { type: 'string', default: '5m' },
      'event-ttl': { type: 'string', default: '1h' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const port = Number(values['https-listen-port']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--https-listen-port must be a port number, not "${values['https-listen-port']}"`);
  }
  const dataDir = path.resolve(values['data-dir']);
  const endpoint = values['datastore-endpoint'] ?? `sqlite://${defaultDatabaseFile(dataDir)}`;
  const store = openStore(endpoint);
  const compactor = new Compactor(
    store,
    { ...DEFAULT_COMPACTION, intervalMs: parseDuration(values['datastore-compact-interval']) },
    (err) => log(`compaction failed: ${err.message}`),
  );
  compactor.start();
  const certs = await ensureCertificates(path.join(dataDir, 'server', 'tls'));
  const resources = new Resources(store);
  const api = new ApiServer({ resources, certs, port, host: values['bind-address'], log });
  const listening = await api.start();
  const namespaceController = new NamespaceController(resources, (err) => log(`namespace controller: ${String(err)}`));
  namespaceController.start();
  const eventReaper = new EventReaper(resources, parseDuration(values['event-ttl']), (err) => log(`event expiry: ${String(err)}`));
  eventReaper.start();
  const kubeconfigFile = path.join(dataDir, 'kubeconfig.yaml');
  writeKubeconfig(kubeconfigFile, kubeconfig(certs, `https://127.0.0.1:${listening}`));
  log(`API server listening on port ${listening}; datastore ${endpoint} at revision ${await store.currentRevision()}`);
  log(`admin kubeconfig: ${kubeconfigFile}`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log('shutting down');
  namespaceController.stop();
  await eventReaper.stop();
  await api.stop();
  await compactor.stop();
  await store.close();
  return 0;
}

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} peapod server: ${message}\n`);
}
