// The cluster DNS server: UDP and TCP on one address, answering names in
// the cluster domain from a ClusterView (records.ts) and forwarding every
// other name to the upstream resolvers. An upstream that does not answer
// within the forward timeout — or none at all — gives NXDOMAIN, quickly:
// a pod's lookup never hangs on a resolver nobody can reach.
import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket, { type Packet } from 'dns-packet';
import { resolve, TTL, type ClusterView } from './records.js';

export interface DnsServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** cluster.local */
  domain: string;
  /** Resolvers for names outside the domain, "IP" or "IP:PORT". */
  upstreams: string[];
  forwardTimeoutMs?: number;
  /** Who may ask (clients.ts); others are REFUSED, as CoreDNS's acl plugin does. Everyone when unset. */
  clients?: net.BlockList;
  log?: (message: string) => void;
}

const NXDOMAIN = 3;
const REFUSED = 5;

export class DnsServer {
  private udp: dgram.Socket | undefined;
  private tcp: net.Server | undefined;

  constructor(
    private readonly view: ClusterView,
    private readonly options: DnsServerOptions,
  ) {}

  /** Listens on UDP and TCP; resolves with the port. */
  async start(): Promise<number> {
    const udp = (this.udp = dgram.createSocket(this.options.host.includes(':') ? 'udp6' : 'udp4'));
    udp.on('message', (message, peer) => {
      void this.answer(message, peer.address).then((reply) => reply && udp.send(reply, peer.port, peer.address));
    });
    udp.on('error', (err) => this.options.log?.(`udp: ${err.message}`));
    await new Promise<void>((ok, fail) => udp.once('error', fail).bind(this.options.port, this.options.host, () => ok()));
    const port = udp.address().port;
    this.tcp = net.createServer((socket) => this.serveTcp(socket));
    await new Promise<void>((ok, fail) => this.tcp!.once('error', fail).listen(port, this.options.host, () => ok()));
    return port;
  }

  async stop(): Promise<void> {
    this.udp?.close();
    await new Promise<void>((done) => (this.tcp ? this.tcp.close(() => done()) : done()));
  }

  /** TCP carries each message after a two-byte length. */
  private serveTcp(socket: net.Socket): void {
    let buffered = Buffer.alloc(0);
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const message = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
        buffered = buffered.subarray(2 + message.length);
        void this.answer(message, socket.remoteAddress ?? '').then((reply) => {
          if (!reply || socket.destroyed) return;
          const length = Buffer.alloc(2);
          length.writeUInt16BE(reply.length);
          socket.write(Buffer.concat([length, reply]));
        });
      }
    });
  }

  /** The reply to one query from `client`, or undefined for what is not a query at all. */
  private async answer(message: Buffer, client: string): Promise<Buffer | undefined> {
    let query: Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return undefined;
    }
    const question = query.questions?.[0];
    if (!question) return undefined;
    if (!this.mayAsk(client)) return this.reply(query, REFUSED, [], false);
    const ours = resolve(question, this.view, this.options.domain);
    if (ours) return this.reply(query, ours.rcode === 'NXDOMAIN' ? NXDOMAIN : 0, ours.answers, true);
    return (await this.forward(message)) ?? this.reply(query, NXDOMAIN, [], false);
  }

  private mayAsk(client: string): boolean {
    if (!this.options.clients) return true;
    const address = client.replace(/^::ffff:/, ''); // an IPv4 peer of a dual-stack socket
    return this.options.clients.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
  }

  private reply(query: Packet, rcode: number, answers: dnsPacket.Answer[], authoritative: boolean): Buffer {
    const domain = this.options.domain;
    // Negative answers carry the zone's SOA, so resolvers cache them for the TTL.
    const soa: dnsPacket.Answer = {
      type: 'SOA',
      name: domain,
      ttl: TTL,
      class: 'IN',
      data: { mname: `ns.dns.${domain}`, rname: `hostmaster.${domain}`, serial: Math.floor(Date.now() / 1000), refresh: 7200, retry: 1800, expire: 86400, minimum: TTL },
    };
    return dnsPacket.encode({
      type: 'response',
      id: query.id,
      // QR, RD echoed, RA, AA for our own zone; the low bits carry the rcode.
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (authoritative ? dnsPacket.AUTHORITATIVE_ANSWER : 0) | rcode,
      questions: query.questions,
      answers,
      authorities: authoritative && answers.length === 0 ? [soa] : [],
    });
  }

  /** The first upstream's answer to the query as sent, or undefined when none answers in time. */
  private async forward(message: Buffer): Promise<Buffer | undefined> {
    for (const upstream of this.options.upstreams) {
      const [host, port] = upstream.includes(':') && !upstream.includes('::') ? upstream.split(':') : [upstream, '53'];
      const reply = await askUdp(message, host!, Number(port), this.options.forwardTimeoutMs ?? 1000);
      if (reply) return reply;
    }
    return undefined;
  }
}

function askUdp(message: Buffer, host: string, port: number, timeoutMs: number): Promise<Buffer | undefined> {
  return new Promise((done) => {
    const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const finish = (reply?: Buffer) => {
      clearTimeout(timer);
      socket.close();
      done(reply);
    };
    const timer = setTimeout(() => finish(), timeoutMs);
    socket.on('error', () => finish());
    socket.on('message', (reply) => finish(reply));
    socket.send(message, port, host);
  });
}
