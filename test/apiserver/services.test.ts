// Services' ClusterIPs and node ports: allocated from the configured ranges,
// never twice, honoured when asked for, released on delete and type change,
// kept across a restart; the `kubernetes` service; kubectl expose.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiClient } from '../api-client.js';
import { defaultDatabaseFile, openStore } from '../../src/storage/index.js';
import { startCluster, startClusterIn, untilOutput, type TestCluster } from '../cluster.js';

const svcYaml = (name: string, spec: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
${spec}`;

const ports80 = '  ports:\n  - port: 80\n';

async function create(c: TestCluster, name: string, spec: string) {
  return c.kubectl(['create', '-f', '-'], { input: svcYaml(name, spec) });
}

const jsonpath = (c: TestCluster, obj: string, path: string) => c.ok(['get', obj, '-o', `jsonpath=${path}`]);

describe('service allocation', () => {
  it('makes the kubernetes service and exposes deployments as the seeds do', async (t) => {
    const c = await startCluster(t);
    const port = new URL(c.server).port;
    assert.equal(await jsonpath(c, 'svc/kubernetes', '{.spec.clusterIP} {.spec.ports[0].name} {.spec.ports[0].port} {.spec.ports[0].targetPort}'), `10.43.0.1 https 443 ${port}`);
    assert.match(await c.ok(['get', 'svc']), /^kubernetes\s+ClusterIP\s+10\.43\.0\.1\s+<none>\s+443\/TCP\s+\d+s$/m);
    // Its endpoints are the API server's own address and port (this machine's, as the server listens on loopback only).
    const kubernetesEndpoints = new RegExp(`^kubernetes\\s+\\d+\\.\\d+\\.\\d+\\.\\d+:${port}\\s+\\d+s$`, 'm');
    assert.match(await c.ok(['get', 'endpoints', 'kubernetes']), kubernetesEndpoints);
    // The server keeps them, as upstream's endpoint reconciler does: deleted, they come back.
    await c.ok(['delete', 'endpoints', 'kubernetes']);
    await c.ok(['delete', 'endpointslice', 'kubernetes']);
    await untilOutput(c, ['get', 'endpoints', 'kubernetes'], kubernetesEndpoints, 30_000);
    await untilOutput(c, ['get', 'endpointslice', 'kubernetes'], new RegExp(`^kubernetes\\s+IPv4\\s+${port}\\s`, 'm'), 30_000);

    await c.ok(['create', 'deployment', 'nginx-deployment', '--image=nginx']);
    // kubectl expose reads the selector from the deployment the controller has made.
    await untilOutput(c, ['get', 'deployment', 'nginx-deployment'], /nginx-deployment/);
    assert.equal((await c.ok(['expose', 'deployment/nginx-deployment', '--name=nginx-service', '--type=ClusterIP', '--port=80', '--target-port=80'])).trim(), 'service/nginx-service exposed');
    assert.equal(
      (await c.ok(['expose', 'deployment/nginx-deployment', '--name=nginx-service2', '--type=NodePort', '--port=8080', '--target-port=80'])).trim(),
      'service/nginx-service2 exposed',
    );
    const one = JSON.parse(await c.ok(['get', 'svc', 'nginx-service', '-o', 'json'])).spec;
    // Dynamic values come from above the static band clients pick from (the first 256 addresses, the first 86 ports).
    assert.match(one.clusterIP, /^10\.43\.\d+\.\d+$/);
    assert.doesNotMatch(one.clusterIP, /^10\.43\.0\./);
    assert.deepEqual(
      { clusterIPs: one.clusterIPs, ipFamilies: one.ipFamilies, ipFamilyPolicy: one.ipFamilyPolicy, internalTrafficPolicy: one.internalTrafficPolicy, sessionAffinity: one.sessionAffinity },
      { clusterIPs: [one.clusterIP], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster', sessionAffinity: 'None' },
    );
    assert.equal(one.externalTrafficPolicy, undefined);
    const two = JSON.parse(await c.ok(['get', 'svc', 'nginx-service2', '-o', 'json'])).spec;
    assert.notEqual(two.clusterIP, one.clusterIP);
    const nodePort = two.ports[0].nodePort;
    assert.ok(nodePort >= 30086 && nodePort <= 32767, String(nodePort));
    assert.equal(two.externalTrafficPolicy, 'Cluster');
    assert.match(
      await c.ok(['get', 'svc', 'nginx-service2']),
      new RegExp(`^nginx-service2\\s+NodePort\\s+${two.clusterIP.replace(/\./g, '\\.')}\\s+<none>\\s+8080:${nodePort}/TCP\\s+\\d+s$`, 'm'),
    );
    const lb = await create(c, 'lb', `  type: LoadBalancer\n${ports80}`);
    assert.equal(lb.code, 0, lb.stderr);
    assert.equal(await jsonpath(c, 'svc/lb', '{.spec.allocateLoadBalancerNodePorts} {.spec.externalTrafficPolicy}'), 'true Cluster');
    assert.match(await jsonpath(c, 'svc/lb', '{.spec.ports[0].nodePort}'), /^3\d{4}$/);
  });

  it('never hands out an address or a node port twice under 50 concurrent creates', async (t) => {
    // Ranges barely larger than the demand, so that colliding picks are likely.
    const c = await startCluster(t, ['--service-cidr', '10.45.0.0/26', '--service-node-port-range', '30000-30059']);
    const api = apiClient(t, c.kubeconfig);
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api.request(
          'POST',
          '/api/v1/namespaces/default/services',
          JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}` }, spec: { type: 'NodePort', ports: [{ port: 80 }] } }),
        ),
      ),
    );
    for (const r of replies) assert.equal(r.status, 201, r.body);
    const items = JSON.parse(await c.ok(['get', 'svc', '-o', 'json'])).items as { spec: { clusterIP: string; ports: { nodePort?: number }[] } }[];
    const ips = items.map((s) => s.spec.clusterIP);
    assert.equal(ips.length, 51);
    assert.equal(new Set(ips).size, 51, ips.join(' '));
    for (const ip of ips) assert.match(ip, /^10\.45\.0\.(\d|[1-5]\d|6[0-2])$/);
    const nodePorts = items.flatMap((s) => s.spec.ports.map((p) => p.nodePort)).filter(Boolean);
    assert.equal(nodePorts.length, 50);
    assert.equal(new Set(nodePorts).size, 50);
  });

  it('honours requested addresses and node ports, refuses taken or foreign ones, and releases them on delete', async (t) => {
    const c = await startCluster(t);
    assert.equal((await create(c, 'a', `  type: NodePort\n  clusterIP: 10.43.0.5\n  ports:\n  - port: 80\n    nodePort: 30080\n`)).code, 0);
    assert.equal(await jsonpath(c, 'svc/a', '{.spec.clusterIP} {.spec.clusterIPs[0]} {.spec.ports[0].nodePort}'), '10.43.0.5 10.43.0.5 30080');
    const sameIP = await create(c, 'b', `  clusterIP: 10.43.0.5\n${ports80}`);
    assert.equal(
      sameIP.stderr.trim(),
      'The Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.43.0.5"}: failed to allocate IP 10.43.0.5: provided IP is already allocated',
    );
    const foreign = await create(c, 'b', `  clusterIP: 10.44.0.5\n${ports80}`);
    assert.equal(
      foreign.stderr.trim(),
      'The Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.44.0.5"}: failed to allocate IP 10.44.0.5: provided IP is not in the valid range. The range of valid IPs is 10.43.0.0/16',
    );
    const samePort = await create(c, 'b', `  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080\n`);
    assert.equal(samePort.stderr.trim(), 'The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    const farPort = await create(c, 'b', `  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 40000\n`);
    assert.equal(
      farPort.stderr.trim(),
      'The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    // None of the refused creates was stored.
    assert.equal((await c.kubectl(['get', 'svc', 'b'])).code, 1);
    // A server-side dry run shows what would be allocated, checks requests, and takes nothing.
    const dry = JSON.parse(await c.ok(['create', 'service', 'nodeport', 'dry', '--tcp=80', '--dry-run=server', '-o', 'json'])).spec;
    assert.match(`${dry.clusterIP} ${dry.ports[0].nodePort}`, /^10\.43\.\d+\.\d+ 3\d{4}$/);
    const dryTaken = await c.kubectl(['create', '-f', '-', '--dry-run=server'], { input: svcYaml('b', `  clusterIP: 10.43.0.5\n${ports80}`) });
    assert.match(dryTaken.stderr, /provided IP is already allocated/);
    assert.equal((await create(c, 'dry', `  clusterIP: ${dry.clusterIP}\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: ${dry.ports[0].nodePort}\n`)).code, 0);
    await c.ok(['delete', 'svc', 'dry']);

    await c.ok(['delete', 'svc', 'a']);
    const again = await create(c, 'b', `  type: NodePort\n  clusterIP: 10.43.0.5\n  ports:\n  - port: 80\n    nodePort: 30080\n`);
    assert.equal(again.code, 0, again.stderr);

    // Turning away from NodePort gives the node port back.
    await c.ok(['patch', 'svc', 'b', '--type=merge', '-p', '{"spec":{"type":"ClusterIP"}}']);
    assert.equal(await jsonpath(c, 'svc/b', '{.spec.ports[0].nodePort}|{.spec.externalTrafficPolicy}|{.spec.clusterIP}'), '||10.43.0.5');
    assert.equal((await create(c, 'c', `  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080\n`)).code, 0);
    // An update that leaves out the allocated values keeps them.
    await c.ok(['patch', 'svc', 'c', '--type=json', '-p', '[{"op":"remove","path":"/spec/ports/0/nodePort"},{"op":"replace","path":"/spec/ports/0/targetPort","value":8080}]']);
    assert.equal(await jsonpath(c, 'svc/c', '{.spec.ports[0].nodePort} {.spec.ports[0].targetPort}'), '30080 8080');
  });

  it('keeps a ClusterIP for the service\'s life', async (t) => {
    const c = await startCluster(t);
    assert.equal((await create(c, 'a', `  clusterIP: 10.43.0.7\n${ports80}`)).code, 0);
    const r = await c.kubectl(['patch', 'svc', 'a', '--type=merge', '-p', '{"spec":{"clusterIP":"10.43.0.8","clusterIPs":["10.43.0.8"]}}']);
    assert.equal(r.stderr.trim(), 'The Service "a" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.43.0.8"}: may not change once set');
    assert.equal(await jsonpath(c, 'svc/a', '{.spec.clusterIP}'), '10.43.0.7');
    // Nor was 10.43.0.8 taken by the refused update.
    assert.equal((await create(c, 'b', `  clusterIP: 10.43.0.8\n${ports80}`)).code, 0);
    // Becoming an ExternalName gives the address back.
    await c.ok(['patch', 'svc', 'a', '--type=merge', '-p', '{"spec":{"type":"ExternalName","externalName":"db.example.com"}}']);
    assert.equal(await jsonpath(c, 'svc/a', '{.spec.clusterIP}|{.spec.ipFamilies}'), '|');
    assert.equal((await create(c, 'c', `  clusterIP: 10.43.0.7\n${ports80}`)).code, 0);
    // A headless service replaced without its clusterIP stays headless.
    assert.equal((await create(c, 'h', '  clusterIP: None\n')).code, 0);
    await c.ok(['replace', '-f', '-'], { input: svcYaml('h', '  selector:\n    app: h\n') });
    assert.equal(await jsonpath(c, 'svc/h', '{.spec.clusterIP}'), 'None');
    // …and turns into an ExternalName without having to drop its "None".
    await c.ok(['patch', 'svc', 'h', '--type=merge', '-p', '{"spec":{"type":"ExternalName","externalName":"h.example.com"}}']);
    assert.equal(await jsonpath(c, 'svc/h', '{.spec.clusterIP}|{.spec.type}'), '|ExternalName');
  });

  it('gives headless and ExternalName services no address', async (t) => {
    const c = await startCluster(t);
    assert.equal((await create(c, 'headless', '  clusterIP: None\n  selector:\n    app: x\n')).code, 0);
    assert.equal(await jsonpath(c, 'svc/headless', '{.spec.clusterIP} {.spec.clusterIPs[0]} {.spec.ipFamilyPolicy}'), 'None None SingleStack');
    assert.equal((await c.ok(['create', 'service', 'externalname', 'ext', '--external-name=db.example.com'])).trim(), 'service/ext created');
    assert.equal(await jsonpath(c, 'svc/ext', '{.spec.clusterIP}|{.spec.clusterIPs}|{.spec.ipFamilies}'), '||');
    assert.match(await c.ok(['get', 'svc', 'ext']), /^ext\s+ExternalName\s+<none>\s+db\.example\.com\s+<none>\s+\d+s$/m);
    const bad = await create(c, 'bad', '  type: ExternalName\n  externalName: Not_A_Name\n');
    assert.match(bad.stderr, /^The Service "bad" is invalid: spec\.externalName: Invalid value: "Not_A_Name": a lowercase RFC 1123 subdomain/);
  });

  it('keeps addresses across a restart and hands out no held one again', async (t) => {
    const first = await startCluster(t);
    assert.equal((await create(first, 'a', `  type: NodePort\n${ports80}`)).code, 0);
    const before = await jsonpath(first, 'svc/a', '{.spec.clusterIP} {.spec.ports[0].nodePort}');
    await first.stop();
    const c = await startClusterIn(t, first.dataDir, ['--disable-agent']);
    assert.equal(await jsonpath(c, 'svc/a', '{.spec.clusterIP} {.spec.ports[0].nodePort}'), before);
    const [ip, port] = before.split(' ');
    const taken = await create(c, 'b', `  type: NodePort\n  clusterIP: ${ip}\n  ports:\n  - port: 80\n    nodePort: ${port}\n`);
    assert.match(taken.stderr, /provided IP is already allocated/);
    assert.match(taken.stderr, /provided port is already allocated/);
    assert.equal(await jsonpath(c, 'svc/kubernetes', '{.spec.ports[0].targetPort}'), new URL(c.server).port);
    assert.equal(await jsonpath(c, 'endpoints/kubernetes', '{.subsets[0].ports[0].port}'), new URL(c.server).port);
    assert.equal(await jsonpath(c, 'endpointslice/kubernetes', '{.ports[0].port}'), new URL(c.server).port);
  });

  it('repairs allocation records at start: a stray record goes, a missing one comes back', async (t) => {
    const first = await startCluster(t);
    assert.equal((await create(first, 'a', `  clusterIP: 10.43.0.20\n${ports80}`)).code, 0);
    await first.stop();
    // What a crash between a write and its release leaves behind, and a record lost besides.
    const store = openStore(`sqlite://${defaultDatabaseFile(first.dataDir)}`);
    await store.create('/registry/ranges/serviceips/10.43.0.21', Buffer.from('default/gone'));
    await store.delete('/registry/ranges/serviceips/10.43.0.20');
    await store.close();
    const c = await startClusterIn(t, first.dataDir, ['--disable-agent']);
    assert.equal((await create(c, 'b', `  clusterIP: 10.43.0.21\n${ports80}`)).code, 0);
    assert.match((await create(c, 'c', `  clusterIP: 10.43.0.20\n${ports80}`)).stderr, /provided IP is already allocated/);
  });

  it('releases a service held by a finalizer only once it is gone', async (t) => {
    const c = await startCluster(t);
    const held = `  clusterIP: 10.43.0.30\n${ports80}`;
    assert.equal((await c.kubectl(['create', '-f', '-'], { input: svcYaml('a', held).replace('  name: a\n', '  name: a\n  finalizers: [example.com/hold]\n') })).code, 0);
    await c.ok(['delete', 'svc', 'a', '--wait=false']);
    assert.match((await create(c, 'b', held)).stderr, /provided IP is already allocated/);
    await c.ok(['patch', 'svc', 'a', '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
    assert.equal((await create(c, 'b', held)).code, 0);
  });
});

describe('service validation', () => {
  it('checks ports, target ports and session affinity in upstream\'s words', async (t) => {
    const c = await startCluster(t);
    const cases: [string, string][] = [
      ['  ports:\n  - port: 80\n    targetPort: 0\n', 'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive'],
      ['  ports:\n  - port: 80\n    targetPort: Web\n', 'spec.ports[0].targetPort: Invalid value: "Web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
      ['  ports:\n  - port: 80\n    name: a\n  - port: 80\n    name: b\n', 'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'],
      ['  ports:\n  - port: 80\n    name: a\n  - port: 81\n    name: a\n', 'spec.ports[1].name: Duplicate value: "a"'],
      ['  ports:\n  - port: 80\n  - port: 81\n    name: b\n', 'spec.ports[0].name: Required value'],
      ['  ports:\n  - port: 80\n    nodePort: 30001\n', "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
      ['  type: NodePort\n  ports:\n  - port: 80\n    name: a\n    nodePort: 30001\n  - port: 81\n    name: b\n    nodePort: 30001\n', 'spec.ports[1].nodePort: Duplicate value: 30001'],
      ['  type: NodePort\n  clusterIP: None\n' + ports80, 'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services'],
      ['  sessionAffinity: Sticky\n' + ports80, 'spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"'],
      [
        '  sessionAffinity: ClientIP\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 0\n' + ports80,
        'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400',
      ],
    ];
    for (const [spec, message] of cases) {
      const r = await create(c, 'v', spec);
      assert.equal(r.stderr.trim(), `The Service "v" is invalid: ${message}`, spec);
    }
    const both = '  type: NodePort\n  ports:\n  - {name: dns, port: 53, protocol: UDP, nodePort: 30053}\n  - {name: dns-tcp, port: 53, protocol: TCP, nodePort: 30053}\n';
    const dns = await create(c, 'dns', both);
    assert.equal(dns.code, 0, dns.stderr);
    assert.equal((await create(c, 'sticky', '  sessionAffinity: ClientIP\n' + ports80)).code, 0);
    assert.equal(await jsonpath(c, 'svc/sticky', '{.spec.sessionAffinityConfig.clientIP.timeoutSeconds}'), '10800');
  });
});
