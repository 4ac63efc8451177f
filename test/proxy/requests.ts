// Requests to services from a test cluster's network namespace (the node's
// own view) and from inside its pods, without blocking the test process,
// so a loop of requests can run while the cluster changes.
import { execFile } from 'node:child_process';
import { inNetnsArgv } from '../netns.js';
import type { NodeCluster } from '../node-cluster.js';

export interface CurlResult {
  /** curl's exit code: 0 answered, 7 refused, 28 timed out. */
  code: number;
  body: string;
  error: string;
  ms: number;
}

/** `curl -sS URL` in the node's netns. */
export function curl(c: NodeCluster, url: string, maxTimeS = 3): Promise<CurlResult> {
  const [program, ...args] = inNetnsArgv(c.netns, ['curl', '-sS', '--max-time', String(maxTimeS), url]);
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(program!, args, { encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? Number((err as { code?: number }).code ?? 1) : 0;
      resolve({ code, body: stdout, error: stderr, ms: performance.now() - started });
    });
  });
}

/** A service's cluster IP, once allocated. */
export async function clusterIP(c: NodeCluster, service: string): Promise<string> {
  return c.ok(['get', 'service', service, '-o', 'jsonpath={.spec.clusterIP}']);
}

/** A busybox pod serving its own name over HTTP on port 80 (httpd), labelled `labels`. */
export function namedServerPod(name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: {
      terminationGracePeriodSeconds: 5,
      containers: [{ name: 'web', image: 'busybox', command: ['sh', '-c', 'mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 80 -h /www'], ...extra }],
    },
  });
}
