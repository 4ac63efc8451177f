// Endpoints and EndpointSlices through kubectl on simulated nodes (pods are
// Running and Ready at once, with an address from their node's pod CIDR):
// a Deployment behind a Service, scaling, readiness, terminating pods,
// publishNotReadyAddresses, named target ports, selector-less and headless
// services, and the service's deletion. Pods whose readiness a test sets
// are bound to a node no kubelet runs, and their status is written by the
// test as a kubelet would.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startCluster, untilOutput, type TestCluster } from '../cluster.js';
import { eventually } from '../helpers.js';

const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}';
const IP = '10\\.128\\.\\d+\\.\\d+';

function deployment(name: string, replicas: number, ports: object[]): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx', ports }] } },
    },
  });
}

/** A pod on a node no kubelet runs, Running with `ip`, its readiness as given. */
async function manualPod(c: TestCluster, name: string, labels: Record<string, string>, ip: string, ready: boolean): Promise<void> {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { nodeName: 'elsewhere', containers: [{ name: 'web', image: 'nginx' }] } };
  await c.ok(['create', '-f', '-'], { input: JSON.stringify(pod) });
  await setReady(c, name, ready, ip);
}

async function setReady(c: TestCluster, name: string, ready: boolean, ip?: string): Promise<void> {
  const status = { phase: 'Running', ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}), conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] };
  await c.ok(['patch', 'pod', name, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status })]);
}

const podIPs = async (c: TestCluster, selector: string) => (await c.ok(['get', 'pods', '-l', selector, '-o', 'jsonpath={.items[*].status.podIP}'])).split(' ').filter(Boolean).sort();
const jsonpath = (c: TestCluster, args: string[], path: string) => c.ok([...args, '-o', `jsonpath=${path}`]);
const sorted = (text: string) => text.split(/[\s,]+/).filter(Boolean).sort();

/** Polls a jsonpath until `check` holds; returns the last output. */
async function until(c: TestCluster, args: string[], path: string, check: (out: string) => boolean, what: string): Promise<string> {
  let last = '';
  return eventually(
    async () => {
      const r = await c.kubectl([...args, '-o', `jsonpath=${path}`]);
      last = r.stdout || r.stderr;
      return r.code === 0 && check(r.stdout) ? r.stdout : undefined;
    },
    20_000,
    () => `${what} (last: ${last})`,
  );
}

describe('endpoints and endpoint slices', () => {
  it('lists a Deployment\'s pods behind a Service, follows scaling and readiness, and goes with the Service', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '2']);
    await c.ok(['create', '-f', '-'], { input: deployment('web', 3, [{ containerPort: 8080 }]) });
    await untilOutput(c, ['get', 'deploy', 'web'], /3\/3/);
    assert.equal(await c.ok(['expose', 'deployment', 'web', '--port=80', '--target-port=8080']), 'service/web exposed\n');
    const ips = await podIPs(c, 'app=web');
    assert.equal(ips.length, 3);

    const ep = await untilOutput(c, ['get', 'endpoints', 'web'], new RegExp(`^NAME\\s+ENDPOINTS\\s+AGE\\nweb\\s+(${IP}:8080,){2}${IP}:8080\\s+\\d+s\\n$`));
    assert.deepEqual(sorted(ep.split('\n')[1]!.split(/\s+/)[1]!.replace(/:8080/g, '')), ips);
    const slices = await untilOutput(c, ['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web'], new RegExp(`^NAME\\s+ADDRESSTYPE\\s+PORTS\\s+ENDPOINTS\\s+AGE\\nweb-${SUFFIX}\\s+IPv4\\s+8080\\s+(${IP},){2}${IP}\\s+\\d+s\\n$`));
    const sliceName = slices.split('\n')[1]!.split(/\s+/)[0]!;
    assert.deepEqual(sorted(slices.split('\n')[1]!.split(/\s+/)[3]!), ips);
    assert.equal(await jsonpath(c, ['get', 'endpointslice', sliceName], '{.metadata.labels.endpointslice\\.kubernetes\\.io/managed-by}'), 'endpointslice-controller.k8s.io');
    assert.match(await jsonpath(c, ['get', 'endpointslice', sliceName], '{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}/{.metadata.ownerReferences[0].controller}'), /^Service\/web\/true$/);
    assert.match(await jsonpath(c, ['get', 'endpoints', 'web'], '{.metadata.annotations.endpoints\\.kubernetes\\.io/last-change-trigger-time}'), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(await jsonpath(c, ['get', 'endpoints', 'web'], '{.subsets[0].addresses[0].targetRef.kind}'), 'Pod');
    assert.equal(await jsonpath(c, ['get', 'endpointslice', sliceName], '{.endpoints[*].conditions.ready}'), 'true true true');

    // Scaling: five pods, then one; the slice is changed in place.
    await c.ok(['scale', 'deployment', 'web', '--replicas=5']);
    await untilOutput(c, ['get', 'endpoints', 'web'], new RegExp(`^NAME\\s+ENDPOINTS\\s+AGE\\nweb\\s+(${IP}:8080,){2}${IP}:8080 \\+ 2 more\\.\\.\\.\\s+\\d+s\\n$`));
    await untilOutput(c, ['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web'], new RegExp(`\\n${sliceName}\\s+IPv4\\s+8080\\s+(${IP},){2}${IP} \\+ 2 more\\.\\.\\.\\s+\\d+s\\n$`));
    await c.ok(['scale', 'deployment', 'web', '--replicas=1']);
    const one = await podIPs(c, 'app=web').then(async () => until(c, ['get', 'endpoints', 'web'], '{.subsets[*].addresses[*].ip}', (out) => sorted(out).length === 1, 'one address'));
    await until(c, ['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web'], '{.items[*].metadata.name} {.items[*].endpoints[*].addresses[0]}', (out) => out === `${sliceName} ${one}`, 'the same slice with one endpoint');

    // A pod that is not ready: notReadyAddresses, ready=false; ready again: addresses.
    await manualPod(c, 'manual', { app: 'web' }, '10.200.0.9', false);
    await until(c, ['get', 'endpoints', 'web'], '{.subsets[0].notReadyAddresses[*].ip}', (out) => out === '10.200.0.9', 'the not-ready pod in notReadyAddresses');
    assert.equal(await jsonpath(c, ['get', 'endpoints', 'web'], '{.subsets[0].addresses[*].ip}'), one);
    await until(c, ['get', 'endpointslice', sliceName], '{.endpoints[?(@.addresses[0]=="10.200.0.9")].conditions}', (out) => out === '{"ready":false,"serving":false,"terminating":false}', 'the not-ready endpoint');
    await setReady(c, 'manual', true);
    await until(c, ['get', 'endpoints', 'web'], '{.subsets[0].addresses[*].ip}', (out) => sorted(out).join() === [one, '10.200.0.9'].sort().join(), 'the pod in addresses once ready');
    await until(c, ['get', 'endpointslice', sliceName], '{.endpoints[?(@.addresses[0]=="10.200.0.9")].conditions.ready}', (out) => out === 'true', 'the endpoint ready');

    // publishNotReadyAddresses lists a not-ready pod among the addresses.
    await setReady(c, 'manual', false);
    await until(c, ['get', 'endpoints', 'web'], '{.subsets[0].notReadyAddresses[*].ip}', (out) => out === '10.200.0.9', 'the pod not ready again');
    await c.ok(['patch', 'service', 'web', '--type=merge', '-p', '{"spec":{"publishNotReadyAddresses":true}}']);
    await until(c, ['get', 'endpoints', 'web'], '{.subsets[0].addresses[*].ip}', (out) => sorted(out).includes('10.200.0.9'), 'the not-ready pod published');
    await until(c, ['get', 'endpointslice', sliceName], '{.endpoints[?(@.addresses[0]=="10.200.0.9")].conditions.ready}', (out) => out === 'true', 'the published endpoint ready');
    await c.ok(['patch', 'service', 'web', '--type=merge', '-p', '{"spec":{"publishNotReadyAddresses":false}}']);

    // A terminating pod (no kubelet finishes it) leaves the Endpoints; its slice entry says terminating.
    await setReady(c, 'manual', true);
    await until(c, ['get', 'endpoints', 'web'], '{.subsets[0].addresses[*].ip}', (out) => sorted(out).includes('10.200.0.9'), 'the pod ready');
    await c.ok(['delete', 'pod', 'manual', '--wait=false']);
    await until(c, ['get', 'endpoints', 'web'], '{.subsets[*].addresses[*].ip} {.subsets[*].notReadyAddresses[*].ip}', (out) => out.trim() === one, 'the terminating pod gone from the Endpoints');
    await until(c, ['get', 'endpointslice', sliceName], '{.endpoints[?(@.addresses[0]=="10.200.0.9")].conditions}', (out) => out === '{"ready":false,"serving":true,"terminating":true}', 'the terminating endpoint');

    // The Service's deletion takes its Endpoints and slices.
    await c.ok(['delete', 'service', 'web']);
    await untilOutput(c, ['get', 'endpoints,endpointslices', '-l', 'app=web', '--ignore-not-found'], /^$/);
    assert.match((await c.kubectl(['get', 'endpoints', 'web'])).stderr, /NotFound|not found/);
  });

  it('resolves named target ports, leaves selector-less services\' Endpoints to their users, and labels headless services', async (t) => {
    const c = await startCluster(t, ['--simulated-nodes', '1']);
    await c.ok(['create', '-f', '-'], { input: deployment('api', 2, [{ name: 'http', containerPort: 8080 }]) });
    await untilOutput(c, ['get', 'deploy', 'api'], /2\/2/);
    // A pod without the named port is left out.
    await manualPod(c, 'portless', { app: 'api' }, '10.200.0.7', true);
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { selector: { app: 'api' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] } };
    await c.ok(['create', '-f', '-'], { input: JSON.stringify(svc) });
    const ips = await podIPs(c, 'app=api');
    const deployed = ips.filter((ip) => ip !== '10.200.0.7');
    assert.equal(deployed.length, 2);
    await untilOutput(c, ['get', 'endpoints', 'api'], new RegExp(`^NAME\\s+ENDPOINTS\\s+AGE\\napi\\s+${IP}:8080,${IP}:8080\\s+\\d+s\\n$`));
    assert.deepEqual(sorted(await jsonpath(c, ['get', 'endpoints', 'api'], '{.subsets[*].addresses[*].ip}')), deployed);
    assert.equal(await jsonpath(c, ['get', 'endpoints', 'api'], '{.subsets[*].ports[*].name}:{.subsets[*].ports[*].port}'), 'web:8080');
    // In slices the pod without the port has its own slice, without ports.
    await untilOutput(c, ['get', 'endpointslices', '-l', 'kubernetes.io/service-name=api'], new RegExp(`\\napi-${SUFFIX}\\s+IPv4\\s+8080\\s+${IP},${IP}\\s+\\d+s\\n`));
    await untilOutput(c, ['get', 'endpointslices', '-l', 'kubernetes.io/service-name=api'], new RegExp(`\\napi-${SUFFIX}\\s+IPv4\\s+<unset>\\s+10\\.200\\.0\\.7\\s+\\d+s\\n`));

    // A service without a selector: its Endpoints are the user's, and no slices are made for it.
    const external = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'external' }, spec: { ports: [{ port: 5432 }] } };
    const endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'external' }, subsets: [{ addresses: [{ ip: '192.0.2.10' }], ports: [{ port: 5432 }] }] };
    await c.ok(['create', '-f', '-'], { input: JSON.stringify(external) });
    await c.ok(['create', '-f', '-'], { input: JSON.stringify(endpoints) });
    await c.ok(['label', 'service', 'external', 'touched=yes']);
    await c.ok(['scale', 'deployment', 'api', '--replicas=3']);
    await untilOutput(c, ['get', 'endpoints', 'api'], new RegExp(`\\napi\\s+(${IP}:8080,){2}${IP}:8080\\s`));
    assert.match(await c.ok(['get', 'endpoints', 'external']), /^NAME\s+ENDPOINTS\s+AGE\nexternal\s+192\.0\.2\.10:5432\s+\d+s\n$/);
    assert.equal(await c.ok(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=external']), '');

    // A headless service: its Endpoints and slices carry the headless label.
    const headless = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api-headless' }, spec: { clusterIP: 'None', selector: { app: 'api' }, ports: [{ port: 8080 }] } };
    await c.ok(['create', '-f', '-'], { input: JSON.stringify(headless) });
    await untilOutput(c, ['get', 'endpoints', '-l', 'service.kubernetes.io/headless'], /\napi-headless\s+\S+:8080/);
    await untilOutput(c, ['get', 'endpointslices', '-l', 'service.kubernetes.io/headless,kubernetes.io/service-name=api-headless'], new RegExp(`\\napi-headless-${SUFFIX}\\s+IPv4\\s+8080\\s`));
    assert.equal(await jsonpath(c, ['get', 'endpoints', 'api'], '{.metadata.labels}'), '');

    // Only not-ready pods: an empty ENDPOINTS cell, as upstream's printer leaves it; the slice lists the address.
    await manualPod(c, 'idle-0', { app: 'idle' }, '10.200.0.8', false);
    await c.ok(['create', 'service', 'clusterip', 'idle', '--tcp=80:8080']);
    await c.ok(['set', 'selector', 'service', 'idle', 'app=idle']);
    await untilOutput(c, ['get', 'endpoints', 'idle', '-o', 'jsonpath={.subsets[0].notReadyAddresses[0].ip}'], /^10\.200\.0\.8$/);
    assert.match(await c.ok(['get', 'endpoints', 'idle']), /^NAME\s+ENDPOINTS\s+AGE\nidle\s+\d+s\n$/);
    await untilOutput(c, ['get', 'endpointslices', '-l', 'kubernetes.io/service-name=idle'], new RegExp(`\\nidle-${SUFFIX}\\s+IPv4\\s+8080\\s+10\\.200\\.0\\.8\\s`));

    // An ExternalName service gets no endpoints, even with a selector (a later service of the same pods does).
    const named = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'named' }, spec: { type: 'ExternalName', externalName: 'db.example.com', selector: { app: 'api' } } };
    await c.ok(['create', '-f', '-'], { input: JSON.stringify(named) });
    await c.ok(['create', 'service', 'clusterip', 'later', '--tcp=80:8080']);
    await c.ok(['set', 'selector', 'service', 'later', 'app=api']);
    await untilOutput(c, ['get', 'endpoints', 'later'], /\nlater\s+\S+:8080/);
    assert.match((await c.kubectl(['get', 'endpoints', 'named'])).stderr, /NotFound|not found/);
    assert.equal(await c.ok(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=named']), '');

    // A namespace that goes takes its services' endpoints quietly: nothing is remade there, no errors are logged.
    await c.ok(['create', 'namespace', 'gone']);
    await c.ok(['create', 'deployment', 'app', '--image=nginx', '--replicas=2', '-n', 'gone']);
    await c.ok(['expose', 'deployment', 'app', '--port=80', '-n', 'gone']);
    await untilOutput(c, ['get', 'endpoints', 'app', '-n', 'gone'], /\napp\s+\S+:80,\S+:80\s/);
    await c.ok(['delete', 'namespace', 'gone', '--wait=false']);
    await untilOutput(c, ['get', 'namespace', 'gone', '--ignore-not-found'], /^$/);
    assert.doesNotMatch(c.log(), /endpoints? controller|endpointslice controller/);
  });
});
