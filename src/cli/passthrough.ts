// What `peapod kubectl` and `peapod ctr` share: an optional leading
// --data-dir, and running the real tool with everything else unchanged.
import { spawn } from 'node:child_process';

export const DEFAULT_DATA_DIR = '/var/lib/peapod';

/** `--data-dir DIR` (or `--data-dir=DIR`) may come first; the rest belongs to the tool. */
export function splitDataDir(argv: string[]): { dataDir: string; args: string[] } {
  if (argv[0] === '--data-dir' && argv[1]) return { dataDir: argv[1], args: argv.slice(2) };
  if (argv[0]?.startsWith('--data-dir=')) return { dataDir: argv[0].slice('--data-dir='.length), args: argv.slice(1) };
  return { dataDir: process.env.PEAPOD_DATA_DIR ?? DEFAULT_DATA_DIR, args: argv };
}

/** Runs `binary` with the terminal attached; resolves with its exit code. */
export function passThrough(name: string, binary: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const child = spawn(binary, args, { stdio: 'inherit', env });
  return new Promise((resolve) => {
    child.once('error', (err) => {
      process.stderr.write(`peapod ${name}: cannot run ${binary}: ${err.message}\n`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
