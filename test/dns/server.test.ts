// The cluster DNS server on a loopback port, answering from a fixed view of
// the cluster: services, headless services per ready endpoint, hostnames,
// SRV, ExternalName, pods, NXDOMAIN/NODATA, TCP, and forwarding to an
// upstream (a fake resolver on loopback) — NXDOMAIN quickly when it is silent;
// REFUSED for clients outside the cluster.
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import { describe, it } from 'node:test';
import dnsPacket, { type Packet } from 'dns-packet';
import type { ClusterView, ServiceView } from '../../src/dns/records.js';
import { clusterClients } from '../../src/dns/clients.js';
import { DnsServer } from '../../src/dns/server.js';
import { withDeadline } from '../helpers.js';
import { ask, data, rcode } from './ask.js';

const view: ClusterView = {
  service: (ns, name) =>
    (<Record<string, ServiceView>>{
      'default/web': { clusterIP: '10.43.0.20', type: 'ClusterIP', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
      'default/db': { clusterIP: 'None', type: 'ClusterIP', ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] },
      'default/out': { type: 'ExternalName', externalName: 'example.org', ports: [] },
    })[`${ns}/${name}`],
  endpoints: (ns, name) =>
    ns === 'default' && name === 'db'
      ? [
          { addresses: ['10.42.0.5'], hostname: 'db-0', ready: true, ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] },
          { addresses: ['10.42.0.6'], ready: true, ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] },
          { addresses: ['10.42.0.7'], ready: false, ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] },
        ]
      : [],
  namespaceExists: (ns) => ns === 'default',
};



async function server(t: { after(fn: () => Promise<void>): void }, upstreams: string[] = [], clients?: net.BlockList): Promise<number> {
  const dns = new DnsServer(view, { host: '127.0.0.1', port: 0, domain: 'cluster.local', upstreams, forwardTimeoutMs: 300, clients });
  const port = await dns.start();
  t.after(() => dns.stop());
  return port;
}

describe('cluster DNS', () => {
  it('answers services, headless endpoints, hostnames, SRV, ExternalName and pods', async (t) => {
    const port = await server(t);
    const web = await ask(port, 'web.default.svc.cluster.local', 'A');
    assert.equal(rcode(web), 'NOERROR');
    assert.ok(web.flags! & dnsPacket.AUTHORITATIVE_ANSWER);
    assert.deepEqual(data(web), ['10.43.0.20']);
    assert.equal((web.answers![0] as { ttl?: number }).ttl, 5);
    assert.deepEqual(data(await ask(port, 'db.default.svc.cluster.local', 'A')).sort(), ['10.42.0.5', '10.42.0.6']);
    assert.deepEqual(data(await ask(port, 'db-0.db.default.svc.cluster.local', 'A')), ['10.42.0.5']);
    assert.deepEqual(data(await ask(port, '10-42-0-6.db.default.svc.cluster.local', 'A')), ['10.42.0.6']);
    assert.deepEqual(data(await ask(port, '_http._tcp.web.default.svc.cluster.local', 'SRV')), [{ priority: 0, weight: 100, port: 80, target: 'web.default.svc.cluster.local' }]);
    assert.deepEqual(
      data(await ask(port, '_pg._tcp.db.default.svc.cluster.local', 'SRV')).map((d) => (d as { target: string }).target).sort(),
      ['10-42-0-6.db.default.svc.cluster.local', 'db-0.db.default.svc.cluster.local'],
    );
    const out = await ask(port, 'out.default.svc.cluster.local', 'A');
    assert.deepEqual(out.answers!.map((a) => [a.type, 'data' in a ? a.data : '']), [['CNAME', 'example.org']]);
    assert.deepEqual(data(await ask(port, '10-42-0-9.default.pod.cluster.local', 'A')), ['10.42.0.9']);
  });

  it('says NXDOMAIN for what does not exist and gives an empty answer for a missing type', async (t) => {
    const port = await server(t);
    const missing = await ask(port, 'nope.default.svc.cluster.local', 'A');
    assert.equal(rcode(missing), 'NXDOMAIN');
    assert.equal(missing.authorities![0]!.type, 'SOA');
    assert.equal(rcode(await ask(port, 'db-9.db.default.svc.cluster.local', 'A')), 'NXDOMAIN');
    assert.equal(rcode(await ask(port, '1-2-3-4.elsewhere.pod.cluster.local', 'A')), 'NXDOMAIN');
    const aaaa = await ask(port, 'web.default.svc.cluster.local', 'AAAA');
    assert.equal(rcode(aaaa), 'NOERROR');
    assert.deepEqual(aaaa.answers, []);
  });

  it('answers over TCP too', async (t) => {
    const port = await server(t);
    const reply = await withDeadline(
      new Promise<Packet>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.write(dnsPacket.streamEncode({ type: 'query', id: 9, questions: [{ type: 'A', name: 'web.default.svc.cluster.local' }] }));
        });
        let buffered = Buffer.alloc(0);
        socket.on('data', (d) => {
          buffered = Buffer.concat([buffered, d]);
          if (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
            socket.end();
            resolve(dnsPacket.streamDecode(buffered));
          }
        });
        socket.on('error', reject);
      }),
      5000,
      'a TCP answer',
    );
    assert.deepEqual(data(reply), ['10.43.0.20']);
  });

  it('forwards other names upstream, and says NXDOMAIN quickly when the upstream is silent', async (t) => {
    // A fake upstream resolver on loopback that knows one name.
    const upstream = dgram.createSocket('udp4');
    upstream.on('message', (m, peer) => {
      const q = dnsPacket.decode(m);
      if (q.questions![0]!.name !== 'example.org') return; // silent for anything else
      upstream.send(dnsPacket.encode({ type: 'response', id: q.id, flags: dnsPacket.RECURSION_AVAILABLE, questions: q.questions, answers: [{ type: 'A', name: 'example.org', ttl: 60, data: '192.0.2.1' }] }), peer.port, peer.address);
    });
    await new Promise<void>((resolve) => upstream.bind(0, '127.0.0.1', () => resolve()));
    t.after(() => new Promise<void>((resolve) => upstream.close(() => resolve())));
    const port = await server(t, [`127.0.0.1:${upstream.address().port}`]);
    assert.deepEqual(data(await ask(port, 'example.org', 'A')), ['192.0.2.1']);
    const started = Date.now();
    const silent = await ask(port, 'quiet.example', 'A');
    assert.equal(rcode(silent), 'NXDOMAIN');
    assert.ok(Date.now() - started < 2000, 'answered within the forward timeout');
  });

  it('refuses clients outside the cluster, and answers the pods and the machine itself', async (t) => {
    const podsOnly = new net.BlockList();
    podsOnly.addSubnet('10.42.0.0', 16, 'ipv4');
    const refused = await ask(await server(t, [], podsOnly), 'web.default.svc.cluster.local', 'A');
    assert.equal(rcode(refused), 'REFUSED');
    assert.deepEqual(data(refused), []);
    const port = await server(t, [], clusterClients('10.42.0.0/16'));
    assert.deepEqual(data(await ask(port, 'web.default.svc.cluster.local', 'A')), ['10.43.0.20']);
    assert.ok(clusterClients('10.42.0.0/16').check('10.42.3.4'), 'a pod may ask');
    assert.ok(!clusterClients('10.42.0.0/16').check('192.0.2.7'), 'a stranger may not');
  });
});
