// The other kinds of this API server through kubectl's typed commands
// (which send protobuf) and manifests: configmaps, secrets, service
// accounts, services, endpoints, events, nodes, leases.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startCluster } from '../cluster.js';
import { eventually } from '../helpers.js';

describe('other kinds through kubectl', () => {
  it('lists every kind with upstream short names', async (t) => {
    const c = await startCluster(t);
    const out = await c.ok(['api-resources', '--no-headers']);
    for (const [name, short] of [
      ['configmaps', 'cm'],
      ['endpoints', 'ep'],
      ['events', 'ev'],
      ['namespaces', 'ns'],
      ['nodes', 'no'],
      ['pods', 'po'],
      ['serviceaccounts', 'sa'],
      ['services', 'svc'],
    ]) {
      assert.match(out, new RegExp(`^${name}\\s+${short}\\s+v1\\s`, 'm'));
    }
    assert.match(out, /^leases\s+coordination\.k8s\.io\/v1\s+true\s+Lease$/m);
  });

  it('creates configmaps, secrets and service accounts with kubectl create', async (t) => {
    const c = await startCluster(t);
    assert.equal((await c.ok(['create', 'configmap', 'cfg', '--from-literal=a=1', '--from-literal=b=2'])).trim(), 'configmap/cfg created');
    assert.equal((await c.ok(['create', 'secret', 'generic', 's1', '--from-literal=password=hunter2'])).trim(), 'secret/s1 created');
    assert.equal((await c.ok(['create', 'serviceaccount', 'robot'])).trim(), 'serviceaccount/robot created');
    assert.match(await c.ok(['get', 'cm']), /^NAME\s+DATA\s+AGE\ncfg\s+2\s+\d+s\n$/);
    assert.match(await c.ok(['get', 'secrets']), /^NAME\s+TYPE\s+DATA\s+AGE\ns1\s+Opaque\s+1\s+\d+s\n$/);
    // (`default` is the service account controller's.)
    assert.match(await c.ok(['get', 'sa']), /^NAME\s+SECRETS\s+AGE\ndefault\s+0\s+\d+s\nrobot\s+0\s+\d+s\n$/);
    assert.equal(await c.ok(['get', 'secret', 's1', '-o', 'jsonpath={.data.password}']), Buffer.from('hunter2').toString('base64'));
    assert.equal(await c.ok(['get', 'cm', 'cfg', '-o', 'jsonpath={.data.b}']), '2');
  });

  it('gives no kind a metadata.generation, and lets no client change it', async (t) => {
    const c = await startCluster(t);
    await c.ok(['create', 'configmap', 'cfg', '--from-literal=a=1']);
    await c.ok(['run', 'web', '--image=nginx']);
    await c.ok(['create', 'service', 'clusterip', 'web', '--tcp=80']);
    for (const obj of ['configmap/cfg', 'pod/web', 'service/web', 'namespace/default']) {
      assert.equal(await c.ok(['get', obj, '-o', 'jsonpath={.metadata.generation}']), '', obj);
    }
    await c.ok(['patch', 'pod', 'web', '--type=merge', '-p', '{"metadata":{"generation":7},"spec":{"activeDeadlineSeconds":60}}']);
    assert.equal(await c.ok(['get', 'pod', 'web', '-o', 'jsonpath={.metadata.generation}']), '');
  });

  it('folds a secret\'s stringData into data', async (t) => {
    const c = await startCluster(t);
    const manifest = `apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  user: admin
`;
    await c.ok(['create', '-f', '-'], { input: manifest });
    const secret = JSON.parse(await c.ok(['get', 'secret', 'creds', '-o', 'json']));
    assert.deepEqual(secret.data, { user: Buffer.from('admin').toString('base64') });
    assert.equal(secret.stringData, undefined);
    assert.equal(secret.type, 'Opaque');
  });

  it('stores services with upstream columns and validation', async (t) => {
    const c = await startCluster(t);
    assert.equal((await c.ok(['create', 'service', 'nodeport', 'web', '--tcp=80:8080'])).trim(), 'service/web created');
    assert.match(
      await c.ok(['get', 'svc', '-o', 'wide']),
      /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+SELECTOR\nkubernetes\s+ClusterIP\s+10\.43\.0\.1\s+<none>\s+443\/TCP\s+\d+s\s+<none>\nweb\s+NodePort\s+\S+\s+<none>\s+80\S*\/TCP\s+\d+s\s+app=web\n$/,
    );
    const noPorts = `apiVersion: v1
kind: Service
metadata:
  name: broken
spec:
  selector:
    app: x
`;
    const r = await c.kubectl(['create', '-f', '-'], { input: noPorts });
    assert.equal(r.stderr.trim(), 'The Service "broken" is invalid: spec.ports: Required value');
    const badType = noPorts.replace('spec:\n', 'spec:\n  type: Magic\n  ports:\n  - port: 80\n');
    const r2 = await c.kubectl(['create', '-f', '-'], { input: badType });
    assert.match(r2.stderr, /spec\.type: Unsupported value: "Magic": supported values: "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"/);
  });

  it('answers empty lists of nodes, events and leases, and the kubernetes service\'s endpoints alone', async (t) => {
    const c = await startCluster(t);
    for (const kind of ['nodes', 'events']) {
      const r = await c.kubectl(['get', kind]);
      assert.equal(r.code, 0);
      assert.match(r.stderr, /^No resources found/);
    }
    // As upstream's, a new cluster's only Endpoints are the kubernetes service's, which the server writes itself.
    assert.match(await c.ok(['get', 'endpoints']), /^NAME\s+ENDPOINTS\s+AGE\nkubernetes\s+\d+\.\d+\.\d+\.\d+:\d+\s+\d+s\n$/);
    const leases = await c.kubectl(['get', 'lease', '-A']);
    assert.equal(leases.stderr.trim(), 'No resources found');
  });

  it('expires events after the event TTL', async (t) => {
    const c = await startCluster(t, ['--event-ttl', '4s']); // long enough that a loaded machine still lists it first
    const event = (name: string, when: string) => `apiVersion: v1
kind: Event
metadata:
  name: ${name}
involvedObject:
  kind: Pod
  name: web
  namespace: default
reason: Tested
message: a test event
type: Normal
lastTimestamp: "${when}"
`;
    await c.ok(['create', '-f', '-'], { input: event('old', '2020-01-01T00:00:00Z') });
    assert.match(await c.ok(['get', 'events']), /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n\S+\s+Normal\s+Tested\s+pod\/web\s+a test event\n$/);
    await eventually(
      async () => ((await c.kubectl(['get', 'events'])).stderr.startsWith('No resources found') ? true : undefined),
      10_000,
      'the expired event to be deleted',
    );
  });

  it('serves events.k8s.io/v1 events from the same store as core/v1 events', async (t) => {
    const c = await startCluster(t);
    const manifest = `apiVersion: events.k8s.io/v1
kind: Event
metadata:
  name: scheduled
eventTime: "2026-11-25T10:00:00.000000Z"
reportingController: example.com/tester
reportingInstance: tester-1
action: Binding
reason: Scheduled
note: Successfully assigned default/web to node1
type: Normal
regarding:
  kind: Pod
  name: web
  namespace: default
`;
    assert.equal((await c.ok(['create', '-f', '-'], { input: manifest })).trim(), 'event.events.k8s.io/scheduled created');
    const core = JSON.parse(await c.ok(['get', 'events.v1.', 'scheduled', '-o', 'json']));
    assert.equal(core.apiVersion, 'v1');
    assert.equal(core.message, 'Successfully assigned default/web to node1');
    assert.deepEqual(core.involvedObject, { kind: 'Pod', name: 'web', namespace: 'default' });
    assert.equal(core.reportingComponent, 'example.com/tester');
    assert.match(await c.ok(['get', 'events']), /^\S+\s+Normal\s+Scheduled\s+pod\/web\s+Successfully assigned default\/web to node1$/m);
    const missing = await c.kubectl(['create', '-f', '-'], { input: manifest.replace('action: Binding\n', '').replace('name: scheduled', 'name: bad') });
    assert.equal(missing.stderr.trim(), 'The Event "bad" is invalid: action: Required value');
    const api = await c.ok(['api-resources', '--api-group=events.k8s.io', '--no-headers']);
    assert.match(api, /^events\s+events\.k8s\.io\/v1\s+true\s+Event$/m);
  });
});
