import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

/** A minimal STUN/TURN client (RFC 8489, RFC 8656) over UDP, enough to test a TURN server. */

const MAGIC = 0x2112a442;
export const TYPES = {
  allocate: 0x0003,
  allocateOk: 0x0103,
  allocateError: 0x0113,
  createPermission: 0x0008,
  createPermissionOk: 0x0108,
  createPermissionError: 0x0118,
} as const;
const ATTR = {
  username: 0x0006,
  integrity: 0x0008,
  errorCode: 0x0009,
  realm: 0x0014,
  nonce: 0x0015,
  xorPeer: 0x0012,
  xorRelayed: 0x0016,
  transport: 0x0019,
} as const;

export interface StunMessage {
  type: number;
  attributes: Map<number, Buffer>;
}

function attribute(type: number, value: Buffer): Buffer {
  const padded = Buffer.alloc(4 + Math.ceil(value.length / 4) * 4);
  padded.writeUInt16BE(type, 0);
  padded.writeUInt16BE(value.length, 2);
  value.copy(padded, 4);
  return padded;
}

function xorAddress(ip: string, port: number): Buffer {
  const value = Buffer.alloc(8);
  value.writeUInt8(0x01, 1); // IPv4
  value.writeUInt16BE(port ^ (MAGIC >>> 16), 2);
  const raw = ip.split('.').map(Number);
  value.writeUInt32BE((((raw[0]! << 24) | (raw[1]! << 16) | (raw[2]! << 8) | raw[3]!) ^ MAGIC) >>> 0, 4);
  return value;
}

/** The long-term credential key (RFC 8489 §9.2.2). */
function key(username: string, realm: string, password: string): Buffer {
  return createHash('md5').update(`${username}:${realm}:${password}`).digest();
}

export function encode(
  type: number,
  attributes: [number, Buffer][],
  auth?: { username: string; realm: string; nonce: string; password: string },
): Buffer {
  const header = Buffer.alloc(20);
  header.writeUInt16BE(type, 0);
  header.writeUInt32BE(MAGIC, 4);
  randomBytes(12).copy(header, 8);
  const all = [...attributes];
  if (auth) {
    all.push(
      [ATTR.username, Buffer.from(auth.username)],
      [ATTR.realm, Buffer.from(auth.realm)],
      [ATTR.nonce, Buffer.from(auth.nonce)],
    );
  }
  let body = Buffer.concat(all.map(([t, v]) => attribute(t, v)));
  if (auth) {
    // The integrity covers the message with its length counting the integrity attribute itself.
    header.writeUInt16BE(body.length + 24, 2);
    const mac = createHmac('sha1', key(auth.username, auth.realm, auth.password))
      .update(Buffer.concat([header, body]))
      .digest();
    body = Buffer.concat([body, attribute(ATTR.integrity, mac)]);
  }
  header.writeUInt16BE(body.length, 2);
  return Buffer.concat([header, body]);
}

export function decode(packet: Buffer): StunMessage {
  const attributes = new Map<number, Buffer>();
  let offset = 20;
  const end = 20 + packet.readUInt16BE(2);
  while (offset + 4 <= end) {
    const type = packet.readUInt16BE(offset);
    const length = packet.readUInt16BE(offset + 2);
    attributes.set(type, packet.subarray(offset + 4, offset + 4 + length));
    offset += 4 + Math.ceil(length / 4) * 4;
  }
  return { type: packet.readUInt16BE(0), attributes };
}

export function errorCode(message: StunMessage): number | null {
  const value = message.attributes.get(ATTR.errorCode);
  return value ? value.readUInt8(2) * 100 + value.readUInt8(3) : null;
}

/** A TURN client on an ephemeral loopback port. */
export class TurnClient {
  private readonly socket: Socket = createSocket('udp4');

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  async send(packet: Buffer): Promise<StunMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer from the TURN server')), 3000);
      this.socket.once('message', (message) => {
        clearTimeout(timer);
        resolve(decode(message));
      });
      this.socket.send(packet, this.port, this.host);
    });
  }

  /**
   * Allocates a relay with long-term credentials: the first request learns the realm and nonce
   * (401), the second authenticates. Returns the final answer.
   */
  async allocate(
    username: string,
    password: string,
  ): Promise<{ answer: StunMessage; realm: string; nonce: string }> {
    const transport: [number, Buffer] = [ATTR.transport, Buffer.from([17, 0, 0, 0])];
    const challenge = await this.send(encode(TYPES.allocate, [transport]));
    const realm = challenge.attributes.get(ATTR.realm)?.toString() ?? '';
    const nonce = challenge.attributes.get(ATTR.nonce)?.toString() ?? '';
    const answer = await this.send(encode(TYPES.allocate, [transport], { username, realm, nonce, password }));
    return { answer, realm, nonce };
  }

  /** Asks to relay towards `peer` (after a successful allocation). */
  createPermission(peer: string, auth: { username: string; password: string; realm: string; nonce: string }) {
    return this.send(encode(TYPES.createPermission, [[ATTR.xorPeer, xorAddress(peer, 9)]], auth));
  }

  hasRelay(message: StunMessage): boolean {
    return message.attributes.has(ATTR.xorRelayed);
  }

  close(): void {
    this.socket.close();
  }
}
