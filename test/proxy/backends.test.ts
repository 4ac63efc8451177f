// Which backends a service's traffic reaches, on a real node: two pods
// behind one service, each answering with its own name, one of them never
// ready (its readiness probe fails) — every request is answered by the
// ready one; and that pod reaches itself through its own service (hairpin:
// the proxy masquerades it, so the reply comes back from the service).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually } from '../helpers.js';
import { podField, startNodeCluster } from '../node-cluster.js';
import { clusterIP, curl, namedServerPod } from './requests.js';

const REQUESTS = 30;

describe('service proxy backends', () => {
  it('sends no traffic to a pod that is not ready, and lets a pod reach itself through its service', async (t) => {
    const c = await startNodeCluster(t);
    await c.ok(['create', 'service', 'clusterip', 'whoami', '--tcp=80:80']);
    const labels = { app: 'whoami' };
    await c.ok(['apply', '-f', '-'], { input: namedServerPod('ready', labels) });
    await c.ok(['apply', '-f', '-'], { input: namedServerPod('unready', labels, { readinessProbe: { httpGet: { path: '/missing', port: 80 }, periodSeconds: 1 } }) });
    await podField(c, 'ready', '{.status.conditions[?(@.type=="Ready")].status}', 'True', 60_000);
    await podField(c, 'unready', '{.status.phase}', 'Running', 60_000);
    // Both are endpoints of the service; only one is ready.
    await eventually(
      async () => {
        const out = await c.ok(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=whoami', '-o', 'jsonpath={range .items[*].endpoints[*]}{.conditions.ready}{" "}{end}']);
        return out.trim().split(' ').sort().join(',') === 'false,true' ? true : undefined;
      },
      30_000,
      'one ready and one unready endpoint',
    );
    const ip = await clusterIP(c, 'whoami');
    await eventually(async () => ((await curl(c, `http://${ip}/`)).code === 0 ? true : undefined), 20_000, 'the service to answer');

    const answers = await Promise.all(Array.from({ length: REQUESTS }, async () => (await curl(c, `http://${ip}/`)).body.trim()));
    assert.deepEqual(new Set(answers), new Set(['ready']));

    assert.equal((await c.ok(['exec', 'ready', '--', 'wget', '-qO-', `http://${ip}`])).trim(), 'ready');
  });
});
