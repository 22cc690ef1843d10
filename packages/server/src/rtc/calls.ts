import type { Subscriber } from '../chat/hub.js';
import { SalonError } from '../errors.js';
import { LIVE_WAIT_MS, type Cam, type Cams } from './cams.js';
import type { LiveCore } from './core.js';

interface Call {
  readonly conversationId: string;
  readonly from: string;
  readonly to: string;
  state: 'ringing' | 'active';
  /** The connection each person takes the call on. */
  readonly connections: Map<string, Subscriber>;
  timer: NodeJS.Timeout | null;
}

/** A call that nobody answers stops ringing after this long. */
export const RING_MS = 45_000;

const wrongState = (message: string) => new SalonError('CALL_STATE', message);

/**
 * V2: video calls in an accepted private conversation. One person proposes, the other accepts;
 * each then sends their camera to the media server and receives the other's. Either can end it.
 */
export class Calls {
  private readonly calls = new Map<string, Call>();

  constructor(
    private readonly core: LiveCore,
    private readonly cams: Cams,
  ) {}

  private tell(call: Call, state: 'ringing' | 'active' | 'ended'): void {
    const event = {
      type: 'call.state',
      conversationId: call.conversationId,
      state,
      from: call.from,
    } as const;
    for (const userId of [call.from, call.to]) this.core.deps.hub.toSession(userId, event);
  }

  /** `peerId`: the other person of the conversation (accepted, no block either way, checked by the caller). */
  propose(caller: Subscriber, conversationId: string, peerId: string): void {
    this.core.media();
    const existing = this.calls.get(conversationId);
    if (existing) throw wrongState('A call is already ringing or on in this conversation.');
    const call: Call = {
      conversationId,
      from: caller.sessionId,
      to: peerId,
      state: 'ringing',
      connections: new Map([[caller.sessionId, caller]]),
      timer: null,
    };
    call.timer = setTimeout(() => void this.finish(call), RING_MS);
    call.timer.unref();
    this.calls.set(conversationId, call);
    this.tell(call, 'ringing');
  }

  async respond(callee: Subscriber, conversationId: string, accept: boolean): Promise<void> {
    const call = this.calls.get(conversationId);
    if (!call || call.state !== 'ringing' || call.to !== callee.sessionId) {
      throw wrongState('There is no call waiting for your answer here.');
    }
    if (!accept) {
      await this.finish(call);
      return;
    }
    if (call.timer) clearTimeout(call.timer);
    call.timer = null;
    call.state = 'active';
    call.connections.set(callee.sessionId, callee);
    this.tell(call, 'active');
  }

  /** Sends my camera in an active call; the other person receives it, and I receive theirs. */
  async camera(
    owner: Subscriber,
    conversationId: string,
    offer: string,
  ): Promise<{ streamId: string; sdp: string }> {
    const call = this.calls.get(conversationId);
    const me = owner.sessionId;
    if (!call || call.state !== 'active' || (me !== call.from && me !== call.to)) {
      throw wrongState('The call is not on.');
    }
    call.connections.set(me, owner);
    const { cam, sdp } = await this.cams.start(owner, conversationId, 'room', offer, {
      call: true,
      limit: 2,
    });
    cam.stream.forget = ((forget) => (reason) => {
      forget(reason);
      // A camera that ends for any reason but its owner's own stop ends the call.
      if (reason !== 'stopped' && this.calls.get(conversationId) === call) void this.finish(call);
    })(cam.stream.forget);
    const otherId = me === call.from ? call.to : call.from;
    const other = call.connections.get(otherId);
    // The other person receives mine once it reaches the media server (after my browser has the
    // answer returned here); I receive theirs if it is on.
    const watch = (target: Cam, viewer: Subscriber) =>
      void target
        .live(LIVE_WAIT_MS)
        .then(() =>
          this.core.queue.run(conversationId, async () => {
            if (this.calls.get(conversationId) === call && !target.viewers.has(viewer.sessionId)) {
              await this.cams.subscribe(target, viewer);
            }
          }),
        )
        .catch(() => {});
    if (other) watch(cam, other);
    const theirs = this.cams.cam(conversationId, otherId);
    if (theirs) watch(theirs, owner);
    return { streamId: cam.stream.id, sdp };
  }

  async end(person: Subscriber, conversationId: string): Promise<void> {
    const call = this.calls.get(conversationId);
    if (!call || (person.sessionId !== call.from && person.sessionId !== call.to)) {
      throw wrongState('There is no call here.');
    }
    await this.finish(call);
  }

  private async finish(call: Call): Promise<void> {
    if (this.calls.get(call.conversationId) !== call) return;
    this.calls.delete(call.conversationId);
    if (call.timer) clearTimeout(call.timer);
    this.tell(call, 'ended');
    for (const userId of [call.from, call.to]) await this.cams.end(call.conversationId, userId, 'stopped');
  }

  /** The connection a person took the call on closed: the call ends. */
  async disconnected(owner: Subscriber): Promise<void> {
    for (const call of [...this.calls.values()]) {
      if (call.connections.get(owner.sessionId) === owner) await this.finish(call);
    }
  }

  /** P3: a block ends any call between the two. */
  async blocked(a: string, b: string): Promise<void> {
    for (const call of [...this.calls.values()]) {
      const pair = new Set([call.from, call.to]);
      if (pair.has(a) && pair.has(b)) await this.finish(call);
    }
  }

  /** Every call ends (the media server went away). */
  async endAll(): Promise<void> {
    for (const call of [...this.calls.values()]) await this.finish(call);
  }

  /** V4: staff end a call (a stream reported from a conversation). */
  async endFor(conversationId: string): Promise<boolean> {
    const call = this.calls.get(conversationId);
    if (!call) return false;
    await this.finish(call);
    return true;
  }
}
