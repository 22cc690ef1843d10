import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '@salon/protocol';
import { newUser, startServer, type TestServer, type TestUser } from './support/server.js';

/** The user ids a frame announces as arriving in `roomId`. */
function arrived(m: ServerMessage, roomId: string): string[] {
  if (m.type === 'member.joined' && m.roomId === roomId) return [m.member.userId];
  if (m.type === 'members.joined' && m.roomId === roomId) return m.members.map((member) => member.userId);
  return [];
}

describe('arrivals in a busy room [R6][P3]', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('go out in batches, each arrival once, without the members who blocked the recipient, and the count ends right', async () => {
    const room = 'amitie';
    const watcher = await newUser(server);
    await watcher.client.join(room);
    const blocker = await newUser(server);
    await blocker.client.request({ type: 'block', id: blocker.client.nextId(), userId: watcher.userId });
    const crowd: TestUser[] = [];
    for (let i = 0; i < 30; i += 1) crowd.push(await newUser(server));
    // Everyone at once, the blocker in the middle.
    await Promise.all([
      ...crowd.slice(0, 15).map((user) => user.client.join(room)),
      blocker.client.join(room),
      ...crowd.slice(15).map((user) => user.client.join(room)),
    ]);
    const everyone = crowd.map((user) => user.userId);
    await expect
      .poll(() => new Set(watcher.client.frames.flatMap((m) => arrived(m, room))).size, { timeout: 3_000 })
      .toBe(30);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const announced = watcher.client.frames.flatMap((m) => arrived(m, room));
    expect(announced.sort()).toEqual([...everyone].sort());
    expect(announced).not.toContain(blocker.userId);
    expect(watcher.client.frames.some((m) => m.type === 'members.joined')).toBe(true);
    // Fewer frames than arrivals: that is the point.
    const frames = watcher.client.frames.filter((m) => arrived(m, room).length > 0);
    expect(frames.length).toBeLessThan(30);
    // Others do see the blocker arrive.
    const other = crowd[0]!.client.frames.flatMap((m) => arrived(m, room));
    expect(other).toContain(blocker.userId);
    // The live count settles on the true number (32 with the watcher and the blocker).
    const counts = watcher.client.frames.filter((m) => m.type === 'room.count' && m.roomId === room);
    expect(counts.at(-1)).toMatchObject({ members: 32 });
    for (const user of [watcher, blocker, ...crowd]) await user.client.close();
  });
});
