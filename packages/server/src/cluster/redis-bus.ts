import type { ServerMessage } from '@salon/protocol';
import type { Bus, BusDelivery, ControlEvent, RoomEvent, UserEvent } from './bus.js';
import type { RedisLink } from './redis.js';

/** What travels on a channel: who sent it, then the event's own frame, encoded once. */
interface Header {
  /** Sending node: it delivered to its own connections already. */
  n: string;
  a?: string;
  x?: string;
  /** When a message was published (ms since the epoch), for the cross-node fan-out time. */
  t?: number;
  /** Whom the users the event is about block (see RoomEvent.blockedBy). */
  b?: Record<string, readonly string[]>;
}

/** The users a room event is about, whose block lists other nodes need (P3). */
function subjects(event: RoomEvent): string[] {
  if (event.event.type === 'members.joined') return event.event.members.map((member) => member.userId);
  return event.authorId === undefined ? [] : [event.authorId];
}

/** Receives cross-node fan-out times of stored messages (O4). */
export interface RemoteFanoutSink {
  observeFanout(seconds: number): void;
}

/**
 * O1: room events cross nodes through Redis pub/sub, one channel per room. A node subscribes to
 * a room's channel only while it has members there, and to a user's channel while it has that
 * user's connections. Events are delivered to this node's connections at once and published for
 * the others, which skip their own.
 */
export class RedisBus implements Bus {
  private readonly roomPrefix: string;
  private readonly userPrefix: string;
  private readonly globalChannel: string;
  private readonly controlChannel: string;

  constructor(
    private readonly link: RedisLink,
    private readonly deliver: BusDelivery,
    private readonly sink: RemoteFanoutSink,
    private readonly onError: (error: unknown, where: string) => void,
    /** Whom a user connected here blocks (P3). */
    private readonly blockedBy: (userId: string) => readonly string[],
  ) {
    this.roomPrefix = link.key('r', '');
    this.userPrefix = link.key('u', '');
    this.globalChannel = link.key('g');
    this.controlChannel = link.key('x');
    link.subscriber.on('message', (channel: string, text: string) => {
      try {
        this.receive(channel, text);
      } catch (error) {
        this.onError(error, 'bus delivery');
      }
    });
  }

  /** Subscribes to the channels every node listens to. */
  async start(): Promise<void> {
    await this.link.subscriber.subscribe(this.globalChannel, this.controlChannel);
  }

  private send(channel: string, header: Header, body: string): void {
    this.link.command
      .publish(channel, `${JSON.stringify(header)}\n${body}`)
      .catch((error: unknown) => this.onError(error, 'publish'));
  }

  // Each event goes to Redis first, then to this node's connections: the other nodes can start
  // their share of the fan-out while this one writes its own.

  publish(event: RoomEvent): void {
    const header: Header = { n: this.link.nodeId };
    if (event.authorId !== undefined) header.a = event.authorId;
    if (event.exceptSession !== undefined) header.x = event.exceptSession;
    if (event.event.type === 'msg') header.t = Date.now();
    else {
      for (const userId of subjects(event)) {
        const blocked = this.blockedBy(userId);
        if (blocked.length > 0) (header.b ??= {})[userId] = blocked;
      }
    }
    const frame = JSON.stringify(event.event);
    this.send(this.roomPrefix + event.roomId, header, frame);
    this.deliver.room(event, frame);
  }

  publishToUser(event: UserEvent): void {
    this.send(this.userPrefix + event.userId, { n: this.link.nodeId }, JSON.stringify(event.event));
    this.deliver.user(event);
  }

  publishGlobal(event: ServerMessage): void {
    this.send(this.globalChannel, { n: this.link.nodeId }, JSON.stringify(event));
    this.deliver.global(event);
  }

  publishControl(event: ControlEvent): void {
    this.publishControlToOthers(event);
    this.deliver.control(event);
  }

  publishControlToOthers(event: ControlEvent): void {
    this.send(this.controlChannel, { n: this.link.nodeId }, JSON.stringify(event));
  }

  private receive(channel: string, text: string): void {
    const split = text.indexOf('\n');
    if (split < 0) return;
    const header = JSON.parse(text.slice(0, split)) as Header;
    if (header.n === this.link.nodeId) return;
    const body = text.slice(split + 1);
    if (channel.startsWith(this.roomPrefix)) {
      const event = JSON.parse(body) as ServerMessage;
      const roomEvent: RoomEvent = { roomId: channel.slice(this.roomPrefix.length), event };
      if (header.a !== undefined) roomEvent.authorId = header.a;
      if (header.x !== undefined) roomEvent.exceptSession = header.x;
      if (header.b !== undefined) roomEvent.blockedBy = header.b;
      this.deliver.room(roomEvent, body);
      if (header.t !== undefined) this.sink.observeFanout(Math.max(0, Date.now() - header.t) / 1000);
    } else if (channel.startsWith(this.userPrefix)) {
      const event = JSON.parse(body) as ServerMessage;
      this.deliver.user({ userId: channel.slice(this.userPrefix.length), event });
    } else if (channel === this.globalChannel) {
      this.deliver.global(JSON.parse(body) as ServerMessage);
    } else if (channel === this.controlChannel) {
      this.deliver.control(JSON.parse(body) as ControlEvent);
    }
  }

  async watchRoom(roomId: string): Promise<void> {
    await this.link.subscriber.subscribe(this.roomPrefix + roomId);
  }

  unwatchRoom(roomId: string): void {
    this.link.subscriber
      .unsubscribe(this.roomPrefix + roomId)
      .catch((error: unknown) => this.onError(error, 'unsubscribe'));
  }

  async watchUser(userId: string): Promise<void> {
    await this.link.subscriber.subscribe(this.userPrefix + userId);
  }

  unwatchUser(userId: string): void {
    this.link.subscriber
      .unsubscribe(this.userPrefix + userId)
      .catch((error: unknown) => this.onError(error, 'unsubscribe'));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
