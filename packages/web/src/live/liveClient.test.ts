import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@salon/protocol';
import { Connection } from '../net/connection.js';
import { FakeClock, flush, SocketServer } from '../test/fakes.js';
import { me } from '../test/chatHarness.js';
import { LiveClient } from './liveClient.js';

const CONFIG = { available: true, reason: null, iceServers: [], camLimit: 6, speakerLimit: 4 };

function setup(devices: Pick<MediaDevices, 'getUserMedia'> | null = null) {
  const clock = new FakeClock();
  const server = new SocketServer();
  const connection = new Connection({
    url: 'ws://t/ws',
    createSocket: server.create,
    timers: clock,
    random: () => 1,
  });
  const live = new LiveClient(connection, me.userId, devices);
  live.start();
  connection.start();
  const connect = async () => {
    const socket = server.current;
    socket.open();
    socket.receive({ type: 'welcome', id: socket.last('hello').id, v: PROTOCOL_VERSION, me });
    await flush();
    socket.receive({ type: 'live.config', id: socket.last('live.config').id, ...CONFIG });
    await flush();
    return socket;
  };
  return { clock, server, connection, live, connect };
}

describe('LiveClient (V1–V4)', () => {
  it('asks what live media the server offers once connected', async () => {
    const { live, connect } = setup();
    expect(live.getState().config).toBeNull();
    await connect();
    expect(live.getState().config).toEqual(CONFIG);
  });

  it('[V2][P3] keeps each room’s cameras and voice as the server pushes them', async () => {
    const { live, connect } = setup();
    const socket = await connect();
    socket.receive({ type: 'live.cams', roomId: 'general', cams: [{ userId: 'bob', access: 'approve' }] });
    socket.receive({
      type: 'voice.state',
      roomId: 'general',
      participants: [{ userId: 'bob', speaking: true, talking: true }],
    });
    expect(live.getState().rooms.general).toEqual({
      cams: [{ userId: 'bob', access: 'approve' }],
      voice: [{ userId: 'bob', speaking: true, talking: true }],
    });
    socket.receive({ type: 'live.cams', roomId: 'general', cams: [] });
    expect(live.getState().rooms.general?.cams).toEqual([]);
  });

  it('[V2] asking to watch: pending, then refused by the broadcaster', async () => {
    const { live, connect } = setup();
    const socket = await connect();
    const asked = live.watch('general', 'bob');
    const request = socket.last('cam.watch');
    expect(request).toMatchObject({ roomId: 'general', userId: 'bob' });
    socket.receive({ type: 'cam.watching', id: request.id, roomId: 'general', userId: 'bob', pending: true });
    await asked;
    expect(live.getState().watching['general\nbob']?.phase).toBe('asking');
    socket.receive({ type: 'cam.refused', roomId: 'general', userId: 'bob' });
    expect(live.getState().watching['general\nbob']?.phase).toBe('refused');
  });

  it('says why a camera cannot start when the browser has no camera (nothing is sent)', async () => {
    const { live, connect } = setup(null);
    const socket = await connect();
    expect(await live.startCam('general', 'approve')).toBe(false);
    expect(socket.ofType('cam.start')).toEqual([]);
    expect(live.getState().error?.code).toBe('DEVICE');
    expect(live.getState().myCams).toEqual({});
  });

  it('[V2] a call: ringing, active, then ended, as the server says', async () => {
    const { live, connect } = setup();
    const socket = await connect();
    socket.receive({ type: 'call.state', conversationId: 'd1', state: 'ringing', from: 'bob' });
    expect(live.getState().calls.d1).toEqual({ state: 'ringing', from: 'bob' });
    const answered = live.respondCall('d1', false);
    socket.receive({ type: 'ok', id: socket.last('call.respond').id });
    await answered;
    expect(socket.last('call.respond')).toMatchObject({ conversationId: 'd1', accept: false });
    socket.receive({ type: 'call.state', conversationId: 'd1', state: 'ended', from: 'bob' });
    expect(live.getState().calls).toEqual({});
  });

  it('after a reconnect, forgets the old streams (the server ended them) and asks again', async () => {
    const { live, connect, server, clock } = setup();
    const socket = await connect();
    socket.receive({ type: 'call.state', conversationId: 'd1', state: 'ringing', from: 'bob' });
    server.current.drop(1006);
    await flush();
    clock.advance(1000);
    await flush();
    await connect();
    expect(live.getState().calls).toEqual({});
    expect(server.current.ofType('live.config')).toHaveLength(1);
  });
});
