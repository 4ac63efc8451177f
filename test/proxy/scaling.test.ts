// Scaling a Deployment behind a Service, 1 → 3 → 1, on a real node, while
// requests run back to back: every one is answered. New pods take traffic
// only once ready (their readiness probe), and pods being removed leave the
// rules before they stop serving: their preStop hook sleeps a few seconds
// (as upstream recommends), during which the endpoint turns terminating,
// the proxy drops it, and only then does the container get SIGTERM.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually } from '../helpers.js';
import { startNodeCluster, type NodeCluster } from '../node-cluster.js';
import { clusterIP, curl, type CurlResult } from './requests.js';

const DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'scaled' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'scaled' } },
    template: {
      metadata: { labels: { app: 'scaled' } },
      spec: {
        terminationGracePeriodSeconds: 30,
        containers: [
          {
            name: 'web',
            image: 'busybox',
            command: ['sh', '-c', 'mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 80 -h /www'],
            readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 1 },
            lifecycle: { preStop: { exec: { command: ['sleep', '4'] } } },
          },
        ],
      },
    },
  },
};

/** The deployment's pods: how many exist at all (terminating included) and how many are ready. */
async function podCounts(c: NodeCluster): Promise<{ all: number; ready: number }> {
  const out = await c.ok(['get', 'pods', '-l', 'app=scaled', '-o', 'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{" "}{end}']);
  const states = out.trim().split(' ').filter(Boolean);
  return { all: states.length, ready: states.filter((s) => s === 'True').length };
}

describe('service proxy while scaling', () => {
  it('answers every request while a Deployment scales 1 → 3 → 1', async (t) => {
    const c = await startNodeCluster(t);
    await c.ok(['apply', '-f', '-'], { input: JSON.stringify(DEPLOYMENT) });
    await c.ok(['expose', 'deployment/scaled', '--port=80']);
    const ip = await clusterIP(c, 'scaled');
    await eventually(async () => ((await curl(c, `http://${ip}/`)).code === 0 ? true : undefined), 90_000, 'the service to answer');

    let scaling = true;
    const failures: CurlResult[] = [];
    const answeredBy = new Set<string>();
    let requests = 0;
    const load = (async () => {
      while (scaling) {
        const r = await curl(c, `http://${ip}/`);
        requests++;
        if (r.code === 0) answeredBy.add(r.body.trim());
        else failures.push(r);
      }
    })();
    try {
      await c.ok(['scale', 'deployment/scaled', '--replicas=3']);
      await eventually(async () => ((await podCounts(c)).ready === 3 ? true : undefined), 60_000, 'three ready pods');
      // Long enough for requests to spread over all three.
      await eventually(async () => (answeredBy.size === 3 ? true : undefined), 30_000, 'answers from all three pods');
      await c.ok(['scale', 'deployment/scaled', '--replicas=1']);
      await eventually(async () => ((await podCounts(c)).all === 1 ? true : undefined), 60_000, 'two pods gone');
    } finally {
      scaling = false;
      await load;
    }
    assert.deepEqual(failures, [], `${failures.length} of ${requests} requests failed`);
    assert.ok(requests > 20, `only ${requests} requests`);
  });
});
