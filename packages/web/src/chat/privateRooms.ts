import { LIMITS } from '@salon/protocol';
import type { ErrorCode, InviteLink, ModerationAction } from '@salon/protocol';
import { RequestError } from '../net/errors.js';
import { withRoomInfo } from './reducers.js';
import * as rs from './roomState.js';
import { MediaMessaging } from './uploads.js';

/** Why an action failed: the server's code, or the server could not be reached. */
export type ActionError = ErrorCode | 'NETWORK';

/** R2, R3: private rooms: create, invite links and invitations, moderation, keep. */
export class PrivateRoomActions extends MediaMessaging {
  /** Creates a private room (I become its owner) and joins it. */
  async createRoom(name: string, topic = '', voice = false): Promise<ActionError | null> {
    const cleanName = name.trim().normalize('NFC');
    const length = [...cleanName].length;
    if (length < LIMITS.roomNameMin || length > LIMITS.roomNameMax) return 'NAME_INVALID';
    const cleanTopic = topic.trim();
    try {
      const reply = await this.connection.request({
        type: 'room.create',
        name: cleanName,
        ...(cleanTopic === '' ? {} : { topic: cleanTopic }),
        ...(voice ? { voice } : {}),
      });
      this.replace(withRoomInfo(this.state, reply.room));
      this.joinRoom(reply.room.id, reply.room);
      return null;
    } catch (error) {
      return error instanceof RequestError ? error.code : 'NETWORK';
    }
  }

  /** Joins the private room an invite link opens (`#join=<token>`). */
  async joinByLink(token: string): Promise<boolean> {
    return this.ask({ type: 'room.join.link', token }, (reply) => {
      const room = reply.room;
      if (!this.state.joined[room.id]) {
        this.set({
          joined: { ...this.state.joined, [room.id]: rs.newRoom(room.id, room) },
          order: [...this.state.order, room.id],
        });
      }
      this.setActive(room.id);
      this.applyJoined(reply);
    });
  }

  /** A new invite link; the token is only ever given here, once. */
  async createLink(roomId: string): Promise<{ linkId: string; token: string } | null> {
    let link: { linkId: string; token: string } | null = null;
    await this.ask(
      { type: 'room.link.create', roomId },
      (r) => (link = { linkId: r.linkId, token: r.token }),
    );
    return link;
  }

  async listLinks(roomId: string): Promise<InviteLink[] | null> {
    let links: InviteLink[] | null = null;
    await this.ask({ type: 'room.link.list', roomId }, (r) => (links = r.links));
    return links;
  }

  revokeLink(roomId: string, linkId: string): Promise<boolean> {
    return this.ask({ type: 'room.link.revoke', roomId, linkId });
  }

  /** Invites a connected user; they get a notice and may join. */
  invite(roomId: string, userId: string): Promise<boolean> {
    return this.ask({ type: 'room.invite', roomId, userId });
  }

  /** R3: kick, mute, ban… as the room's owner or moderator allows. */
  async moderate(
    roomId: string,
    userId: string,
    action: ModerationAction,
    minutes?: number,
  ): Promise<boolean> {
    const target = this.state.joined[roomId]?.members.find((m) => m.userId === userId);
    const done = await this.ask({
      type: 'room.moderate',
      roomId,
      userId,
      action,
      ...(minutes === undefined ? {} : { minutes }),
    });
    if (!done || (action !== 'ban' && action !== 'unban')) return done;
    // The server lists no bans: the ones made here can be lifted from the room menu.
    const others = (this.state.bans[roomId] ?? []).filter((b) => b.userId !== userId);
    const list = action === 'ban' && target ? [...others, { userId, nickname: target.nickname }] : others;
    this.set({ bans: { ...this.state.bans, [roomId]: list } });
    return true;
  }

  /** R2: the owner keeps the room even when nobody is in it. */
  async setKeep(roomId: string, keep: boolean): Promise<boolean> {
    if (!(await this.ask({ type: 'room.keep', roomId, keep }))) return false;
    // `room.updated` follows; the checkbox should not wait for it.
    const info = this.state.joined[roomId]?.info ?? this.state.mine.find((r) => r.id === roomId);
    if (info) this.replace(withRoomInfo(this.state, { ...info, keep }));
    return true;
  }

  acceptInvite(roomId: string): void {
    const invitation = this.state.invites.find((i) => i.room.id === roomId);
    this.dismissInvite(roomId);
    this.joinRoom(roomId, invitation?.room);
  }

  dismissInvite(roomId: string): void {
    this.set({ invites: this.state.invites.filter((i) => i.room.id !== roomId) });
  }
}
