// `peapod <command>`: the one binary, as k3s has.
import { runCtr } from './ctr.js';
import { runKubectl } from './kubectl.js';
import { runServer } from './server.js';
import { runSimulate } from './simulate.js';

const USAGE = `Usage: peapod <command> [flags]

Commands:
  server    Run the cluster's control plane in the foreground
  kubectl   Run kubectl against this cluster ([--data-dir DIR] kubectl-args...)
  simulate  Add simulated nodes to a running cluster (--nodes N)
  ctr       Run containerd's ctr against this node's containerd ([--data-dir DIR] ctr-args...)

Run 'peapod <command> --help' for a command's flags.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'server':
      return runServer(rest);
    case 'kubectl':
      return runKubectl(rest);
    case 'simulate':
      return runSimulate(rest);
    case 'ctr':
      return runCtr(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`peapod: unknown command "${command}"\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`peapod: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
