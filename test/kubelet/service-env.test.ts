// Service environment variables: the pure rule (which services, which
// names), and on a real node a container that sees its namespace's
// services and the kubernetes service, expands $(WEB_SERVICE_HOST) in its
// own env, and with enableServiceLinks: false sees only the kubernetes one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serviceEnv } from '../../src/kubelet/service-env.js';
import { podField, startNodeCluster } from '../node-cluster.js';

describe('service environment variables', () => {
  it('names every port as upstream does, for the namespace\'s services and the kubernetes service', () => {
    const vars = serviceEnv(
      [
        { metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.43.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] } },
        { metadata: { name: 'my-web', namespace: 'shop' }, spec: { clusterIP: '10.43.0.20', ports: [{ name: 'http', port: 80 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }] } },
        { metadata: { name: 'headless', namespace: 'shop' }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } },
        { metadata: { name: 'elsewhere', namespace: 'other' }, spec: { clusterIP: '10.43.0.30', ports: [{ port: 80 }] } },
      ],
      'shop',
      true,
    );
    assert.deepEqual(Object.fromEntries(vars), {
      KUBERNETES_SERVICE_HOST: '10.43.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      KUBERNETES_SERVICE_PORT_HTTPS: '443',
      KUBERNETES_PORT: 'tcp://10.43.0.1:443',
      KUBERNETES_PORT_443_TCP: 'tcp://10.43.0.1:443',
      KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
      KUBERNETES_PORT_443_TCP_PORT: '443',
      KUBERNETES_PORT_443_TCP_ADDR: '10.43.0.1',
      MY_WEB_SERVICE_HOST: '10.43.0.20',
      MY_WEB_SERVICE_PORT: '80',
      MY_WEB_SERVICE_PORT_HTTP: '80',
      MY_WEB_SERVICE_PORT_DNS_UDP: '53',
      MY_WEB_PORT: 'tcp://10.43.0.20:80',
      MY_WEB_PORT_80_TCP: 'tcp://10.43.0.20:80',
      MY_WEB_PORT_80_TCP_PROTO: 'tcp',
      MY_WEB_PORT_80_TCP_PORT: '80',
      MY_WEB_PORT_80_TCP_ADDR: '10.43.0.20',
      MY_WEB_PORT_53_UDP: 'udp://10.43.0.20:53',
      MY_WEB_PORT_53_UDP_PROTO: 'udp',
      MY_WEB_PORT_53_UDP_PORT: '53',
      MY_WEB_PORT_53_UDP_ADDR: '10.43.0.20',
    });
    assert.deepEqual([...serviceEnv([{ metadata: { name: 'my-web', namespace: 'shop' }, spec: { clusterIP: '10.43.0.20', ports: [{ port: 80 }] } }], 'shop', false).keys()], []);
  });

  it('reach a real container, expanded in its own env', async (t) => {
    const c = await startNodeCluster(t);
    await c.ok(['create', 'service', 'clusterip', 'web', '--tcp=80:8080']);
    const ip = await c.ok(['get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}']);
    const pod = (name: string, links: boolean) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name },
        spec: {
          enableServiceLinks: links,
          containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'], env: [{ name: 'WEB_URL', value: 'http://$(WEB_SERVICE_HOST):$(WEB_SERVICE_PORT)/' }] }],
        },
      });
    await c.ok(['apply', '-f', '-'], { input: pod('linked', true) });
    await c.ok(['apply', '-f', '-'], { input: pod('unlinked', false) });
    for (const name of ['linked', 'unlinked']) await podField(c, name, '{.status.phase}', 'Running', 60_000);
    const env = (name: string) => c.ok(['exec', name, '--', 'env']);
    const linked = await env('linked');
    assert.match(linked, new RegExp(`^WEB_SERVICE_HOST=${ip.replaceAll('.', '\\.')}$`, 'm'));
    assert.match(linked, /^WEB_PORT_80_TCP=tcp:\/\/10\.43\.\d+\.\d+:80$/m);
    assert.match(linked, new RegExp(`^WEB_URL=http://${ip.replaceAll('.', '\\.')}:80/$`, 'm'));
    assert.match(linked, /^KUBERNETES_SERVICE_HOST=10\.43\.0\.1$/m);
    const unlinked = await env('unlinked');
    assert.doesNotMatch(unlinked, /^WEB_SERVICE_HOST=/m);
    assert.match(unlinked, /^KUBERNETES_SERVICE_PORT=443$/m);
    // Without the variable, the reference stays as written (upstream's rule).
    assert.match(unlinked, /^WEB_URL=http:\/\/\$\(WEB_SERVICE_HOST\):\$\(WEB_SERVICE_PORT\)\/$/m);
  });
});
