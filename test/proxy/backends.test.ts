// Which backends a service's traffic reaches, on a real node: two pods
// behind one service, each answering with its own name, one of them never
// ready (its readiness probe fails) — every request is answered by the
// ready one; and that pod reaches itself through its own service (hairpin:
// the proxy masquerades it, so the reply comes back from the service);
// with a second ready pod requests spread over both, and a service with
// sessionAffinity ClientIP keeps one client on one pod.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventually } from '../helpers.js';
import { podField, startNodeCluster } from '../node-cluster.js';
import { clusterIP, curl, namedServerPod } from './requests.js';

const REQUESTS = 30;

describe('service proxy backends', () => {
  it('sends no traffic to a pod that is not ready, lets a pod reach itself through its service, spreads requests and keeps ClientIP affinity', async (t) => {
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

    // A second ready pod: requests spread over both; a ClientIP-affinity service over the same pods keeps one client on one.
    await c.ok(['apply', '-f', '-'], { input: namedServerPod('second', labels) });
    await podField(c, 'second', '{.status.conditions[?(@.type=="Ready")].status}', 'True', 60_000);
    await c.ok(['apply', '-f', '-'], {
      input: JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'sticky' }, spec: { selector: labels, sessionAffinity: 'ClientIP', ports: [{ port: 80 }] } }),
    });
    const stickyIP = await clusterIP(c, 'sticky');
    await eventually(
      async () => {
        const seen = await Promise.all(Array.from({ length: REQUESTS }, async () => (await curl(c, `http://${ip}/`)).body.trim()));
        return new Set(seen).size === 2 ? true : undefined;
      },
      30_000,
      'requests to reach both ready pods',
    );
    await eventually(async () => ((await curl(c, `http://${stickyIP}/`)).code === 0 ? true : undefined), 20_000, 'the sticky service to answer');
    const sticky: string[] = [];
    for (let i = 0; i < REQUESTS; i++) sticky.push((await curl(c, `http://${stickyIP}/`)).body.trim());
    assert.equal(new Set(sticky).size, 1, `one backend for one client, got ${sticky.join(',')}`);
    assert.match(sticky[0]!, /^(ready|second)$/);
  });
});
