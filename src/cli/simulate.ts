// `peapod simulate`: adds simulated nodes to a running cluster from another
// process, talking to its API over HTTPS with a kubeconfig's credentials.
// The nodes live as long as the process: stop it (or kill it) and they stop
// heart-beating, as a machine that goes away would.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApiClient } from '../client/client.js';
import { credentialsFrom, HttpTransport } from '../client/http-transport.js';
import { Informers } from '../client/informers.js';
import { DEFAULT_SIMULATED_CAPACITY, SimulatedNodes } from '../kubelet/simulated.js';
import { count, parseCapacity, parseDuration } from './flags.js';

const HELP = `Usage: peapod simulate --nodes N [flags]

Runs N simulated nodes (PREFIX-I ... PREFIX-(I+N-1)) against a running
cluster until stopped; their pods run without containers.

Flags:
  --nodes N                   How many nodes (required)
  --kubeconfig FILE           Credentials (default DIR/kubeconfig.yaml of --data-dir)
  --data-dir DIR              The server's data dir (default /var/lib/peapod)
  --prefix NAME               Node name prefix (default sim)
  --first-index I             Number of the first node; pick one past the nodes
                              already simulated (default 0)
  --capacity LIST             What each node offers
                              (default cpu=32,memory=256Gi,pods=110,ephemeral-storage=1Ti)
  --node-lease-duration DURATION
                              Lease duration; renewed every quarter of it (default 40s)
`;

export async function runSimulate(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      nodes: { type: 'string' },
      kubeconfig: { type: 'string' },
      'data-dir': { type: 'string', default: '/var/lib/peapod' },
      prefix: { type: 'string', default: 'sim' },
      'first-index': { type: 'string', default: '0' },
      capacity: { type: 'string' },
      'node-lease-duration': { type: 'string', default: '40s' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.nodes === undefined) throw new Error('--nodes is required: how many simulated nodes to run');
  const kubeconfig = values.kubeconfig ?? path.join(values['data-dir'], 'kubeconfig.yaml');
  const log = (message: string) => process.stderr.write(`${new Date().toISOString()} peapod simulate: ${message}\n`);
  const transport = new HttpTransport(credentialsFrom(kubeconfig), 'kubelet');
  const client = new ApiClient(transport);
  const informers = new Informers(client, (m) => log(`informer: ${m}`));
  const nodes = new SimulatedNodes(
    client,
    informers,
    {
      count: count(values.nodes, '--nodes'),
      prefix: values.prefix,
      firstIndex: count(values['first-index'], '--first-index'),
      capacity: values.capacity ? parseCapacity(values.capacity, '--capacity') : DEFAULT_SIMULATED_CAPACITY,
      leaseDurationS: parseDuration(values['node-lease-duration']) / 1000,
    },
    log,
  );
  informers.start();
  await informers.synced();
  await nodes.start();
  log(`${nodes.names.length} simulated nodes registered: ${nodes.names.join(', ')}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await nodes.stop();
  informers.stop();
  transport.close();
  return 0;
}
