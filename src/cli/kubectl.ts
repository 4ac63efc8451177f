// `peapod kubectl ...`: the real kubectl, pointed at this server's admin
// kubeconfig (DATA/kubeconfig.yaml), as `k3s kubectl` is.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const DEFAULT_DATA_DIR = '/var/lib/peapod';

/** `--data-dir DIR` may come first; everything else goes to kubectl unchanged. */
export async function runKubectl(argv: string[]): Promise<number> {
  let dataDir = process.env.PEAPOD_DATA_DIR ?? DEFAULT_DATA_DIR;
  let args = argv;
  if (argv[0] === '--data-dir' && argv[1]) {
    dataDir = argv[1];
    args = argv.slice(2);
  } else if (argv[0]?.startsWith('--data-dir=')) {
    dataDir = argv[0].slice('--data-dir='.length);
    args = argv.slice(1);
  }
  const kubeconfig = process.env.KUBECONFIG || path.join(dataDir, 'kubeconfig.yaml');
  if (!fs.existsSync(kubeconfig)) {
    process.stderr.write(`peapod kubectl: ${kubeconfig} does not exist: is peapod server running with --data-dir ${dataDir}?\n`);
    return 1;
  }
  const binary = process.env.PEAPOD_KUBECTL ?? 'kubectl';
  const child = spawn(binary, args, { stdio: 'inherit', env: { ...process.env, KUBECONFIG: kubeconfig } });
  return new Promise((resolve) => {
    child.once('error', (err) => {
      process.stderr.write(`peapod kubectl: cannot run ${binary}: ${err.message}\n`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
