// A DNS question over UDP to a server on loopback, as a stub resolver asks
// it (recursion desired), and what tests read from the answer.
import dgram from 'node:dgram';
import dnsPacket, { type Packet, type RecordType } from 'dns-packet';
import { withDeadline } from '../helpers.js';

export function ask(port: number, name: string, type: RecordType): Promise<Packet> {
  return withDeadline(
    new Promise((resolve, reject) => {
      const socket = dgram.createSocket('udp4');
      socket.on('message', (m) => {
        socket.close();
        resolve(dnsPacket.decode(m));
      });
      socket.on('error', reject);
      socket.send(dnsPacket.encode({ type: 'query', id: 7, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type, name }] }), port, '127.0.0.1');
    }),
    5000,
    `an answer for ${name}`,
  );
}

/** The decoded rcode, which dns-packet's types leave out. */
export const rcode = (p: Packet) => (p as Packet & { rcode?: string }).rcode;

export const data = (p: Packet) => (p.answers ?? []).map((a) => ('data' in a ? a.data : undefined));
