import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaOptions, MediaRef, ServerMessageOf } from '@salon/protocol';
import { hashImageBytes } from '../src/media/image-hash.js';
import { newUser, startServer, type TestServer, type TestUser } from './support/server.js';
import { TEST_DATABASES } from './support/databases.js';
import {
  ffmpegClip,
  ffprobeTags,
  get,
  HAVE_FFMPEG,
  mediaFiles,
  noisyJpeg,
  photoWithExif,
  plainPng,
  pngBomb,
  PDQ_IMAGES,
  upload,
} from './support/media.js';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'salon-media-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function joined(server: TestServer, roomId = 'general'): Promise<TestUser> {
  const user = await newUser(server);
  await user.client.join(roomId);
  return user;
}

function ref(body: Record<string, unknown>): MediaRef {
  return body.media as MediaRef;
}

describe('uploads and serving (SQLite)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ media: { image: { maxBytes: 2 * 1_048_576 } } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('[M2] GPS and camera EXIF are gone from what is served; orientation is applied; a thumbnail exists', async () => {
    const user = await joined(server);
    const photo = await photoWithExif(64, 48);
    expect(photo.includes('SalonCam')).toBe(true);
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const { status, body } = await upload(server, user, 'general', photo);
    expect(status).toBe(201);
    const media = ref(body);
    expect(media).toMatchObject({
      kind: 'image',
      mime: 'image/jpeg',
      width: 48,
      height: 64,
      explicit: false,
    });
    expect(media.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const served = await get(server, user, media.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await served.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([48, 64]);
    for (const secret of ['SalonCam', 'SN-1234567', 'Exif']) expect(bytes.includes(secret)).toBe(false);
    const thumb = await get(server, user, media.thumbUrl!);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).exif).toBeUndefined();
  });

  it('[M1][M4] a photo message reaches the room with its media; history keeps it', async () => {
    const alice = await joined(server);
    const bob = await joined(server);
    const { body } = await upload(server, alice, 'general', await plainPng());
    const media = ref(body);
    const seen = bob.client.waitFor((m) => m.type === 'msg' && m.message.media?.id === media.id);
    const ack = await alice.client.request({
      type: 'msg.send',
      id: alice.client.nextId(),
      roomId: 'general',
      cid: 'photo-1',
      text: '',
      mediaId: media.id,
    });
    expect(ack.type).toBe('msg.ack');
    const message = ((await seen) as ServerMessageOf<'msg'>).message;
    expect(message.media).toEqual(media);
    expect(message.text).toBe('');
    const history = (await bob.client.request({
      type: 'history',
      id: bob.client.nextId(),
      roomId: 'general',
      before: message.seq + 1,
      limit: 1,
    })) as ServerMessageOf<'history'>;
    expect(history.messages[0]?.media).toEqual(media);
    const bobSees = await get(server, bob, media.url);
    expect(bobSees.status).toBe(200);
  });

  it('[M4] a served file is refused to a non-member, to a visitor without a session and for a wrong id', async () => {
    const alice = await joined(server);
    const outsider = await joined(server, 'musique');
    const media = ref((await upload(server, alice, 'general', await plainPng())).body);
    for (const path of [media.url, media.thumbUrl!]) {
      expect((await get(server, outsider, path)).status).toBe(404);
      expect((await get(server, null, path)).status).toBe(401);
    }
    expect((await get(server, alice, '/media/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await get(server, alice, '/media/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
    // Once the outsider joins the room, they may see it (M4: the room's members).
    await outsider.client.join('general');
    expect((await get(server, outsider, media.url)).status).toBe(200);
  });

  it('[M1] a file cannot be sent in another room, nor by someone else', async () => {
    const alice = await joined(server);
    const bob = await joined(server);
    await alice.client.join('musique');
    const media = ref((await upload(server, alice, 'general', await plainPng())).body);
    const elsewhere = await alice.client.request({
      type: 'msg.send',
      id: alice.client.nextId(),
      roomId: 'musique',
      cid: 'x1',
      text: '',
      mediaId: media.id,
    });
    expect(elsewhere).toMatchObject({ type: 'error', code: 'MEDIA_INVALID' });
    const stolen = await bob.client.request({
      type: 'msg.send',
      id: bob.client.nextId(),
      roomId: 'general',
      cid: 'x2',
      text: 'regardez',
      mediaId: media.id,
    });
    expect(stolen).toMatchObject({ type: 'error', code: 'MEDIA_INVALID' });
  });

  it('[M1] an upload needs a session and membership of the room', async () => {
    const alice = await newUser(server);
    const png = await plainPng();
    expect((await upload(server, { cookie: '' }, 'general', png)).body.error).toBe('UNAUTHENTICATED');
    expect((await upload(server, alice, 'general', png)).body.error).toBe('NOT_IN_ROOM');
    expect((await upload(server, alice, 'nowhere', png)).body.error).toBe('ROOM_NOT_FOUND');
  });

  it('[M1][M2] an animated GIF stays animated; a WebP is served as WebP', async () => {
    const user = await joined(server);
    const frames = await Promise.all(
      ['#f00', '#0f0', '#00f'].map((background) =>
        sharp({ create: { width: 40, height: 30, channels: 3, background } })
          .png()
          .toBuffer(),
      ),
    );
    const gif = await sharp(frames, { join: { animated: true } })
      .gif({ delay: [100, 100, 100] })
      .toBuffer();
    const animated = ref((await upload(server, user, 'general', gif)).body);
    expect(animated).toMatchObject({ mime: 'image/gif', width: 40, height: 30 });
    const served = Buffer.from(await (await get(server, user, animated.url)).arrayBuffer());
    expect((await sharp(served).metadata()).pages).toBe(3);
    const webp = await sharp(frames[0]).webp().toBuffer();
    expect(ref((await upload(server, user, 'general', webp)).body).mime).toBe('image/webp');
  });

  it('[M4] ranges are served for video and audio players', async () => {
    const user = await joined(server);
    const media = ref((await upload(server, user, 'general', await plainPng(300, 200))).body);
    const whole = Buffer.from(await (await get(server, user, media.url)).arrayBuffer());
    const part = await get(server, user, media.url, { range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${whole.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(whole.subarray(10, 20));
    const tail = await get(server, user, media.url, { range: 'bytes=-5' });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(whole.subarray(whole.length - 5));
    expect((await get(server, user, media.url, { range: `bytes=${whole.length}-` })).status).toBe(416);
  });

  describe('[M1] each bad input gets its error and leaves no file behind', () => {
    const cases: [string, () => Buffer | Promise<Buffer>, string, number][] = [
      ['plain text', () => Buffer.from('hello, this is not a picture\n'.repeat(10)), 'MEDIA_TYPE', 415],
      ['a PDF', () => Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'.repeat(50)), 'MEDIA_TYPE', 415],
      ['an empty body', () => Buffer.alloc(0), 'MEDIA_CORRUPT', 422],
      ['an image over the size limit', async () => noisy(1600, 1600), 'MEDIA_TOO_LARGE', 413],
      ['a truncated JPEG', async () => (await noisy(400, 300)).subarray(0, 6000), 'MEDIA_CORRUPT', 422],
      ['a PNG with a corrupt body', async () => corruptPng(), 'MEDIA_CORRUPT', 422],
      ['a 50,000 × 50,000 PNG decompression bomb', () => pngBomb(), 'MEDIA_DIMENSIONS', 422],
      [
        'a JPEG that is also an HTML page',
        async () => appendText(await plainJpeg(), '<html><script>alert(1)</script></html>'),
        'MEDIA_POLYGLOT',
        422,
      ],
      [
        'a GIF that is also a ZIP archive',
        async () =>
          withZip(
            await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
              .gif()
              .toBuffer(),
          ),
        'MEDIA_POLYGLOT',
        422,
      ],
    ];
    if (HAVE_FFMPEG) {
      cases.push([
        'an MP4 cut short',
        async () => (await clip('half.mp4', 'mp4')).subarray(0, 3000),
        'MEDIA_CORRUPT',
        422,
      ]);
      cases.push([
        'an MP3 tag with no sound after it',
        async () => {
          const tagged = await clip('noise.mp3', 'mp3');
          const tagLength = 10 + ((tagged[6]! << 21) | (tagged[7]! << 14) | (tagged[8]! << 7) | tagged[9]!);
          return Buffer.concat([tagged.subarray(0, tagLength), Buffer.alloc(8000, 0x5a)]);
        },
        'MEDIA_TYPE',
        415,
      ]);
    }
    it.each(cases)('%s', async (_name, make, code, status) => {
      const user = await joined(server);
      const before = await mediaFiles(server);
      const result = await upload(server, user, 'general', await make());
      expect(result.body.error).toBe(code);
      expect(result.status).toBe(status);
      expect(typeof result.body.message).toBe('string');
      expect(await mediaFiles(server)).toEqual(before);
    });
  });
});

describe.skipIf(!HAVE_FFMPEG)('[M2] video and audio lose their metadata', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('MP4: title, artist, comment and location are gone; the video still plays', async () => {
    const user = await joined(server);
    const path = join(work, 'tagged.mp4');
    await ffmpegClip(path, 'mp4', {
      title: 'Secret title',
      artist: 'Jane Doe',
      comment: 'my street',
      location: '+48.8584+002.2945/',
    });
    const original = await readFile(path);
    expect(original.includes('Jane Doe')).toBe(true);
    const { status, body } = await upload(server, user, 'general', original);
    expect(status).toBe(201);
    const media = ref(body);
    expect(media).toMatchObject({ kind: 'video', mime: 'video/mp4', width: 160, height: 120 });
    expect(media.durationMs).toBeGreaterThan(500);
    expect(media.thumbUrl).not.toBeNull();
    const served = Buffer.from(await (await get(server, user, media.url)).arrayBuffer());
    for (const tag of ['Secret title', 'Jane Doe', 'my street', '+48.8584', '\u00a9xyz'])
      expect(served.includes(tag)).toBe(false);
    const out = join(work, 'served.mp4');
    await writeFile(out, served);
    const tags = await ffprobeTags(out);
    expect(JSON.stringify(tags)).not.toMatch(/Secret|Jane|street|location|48\.85/);
  });

  it('MP3: ID3 tags are gone; the sound stays', async () => {
    const user = await joined(server);
    const path = join(work, 'tagged.mp3');
    await ffmpegClip(path, 'mp3', { title: 'Secret song', artist: 'Jane Doe', comment: 'recorded at home' });
    const original = await readFile(path);
    expect(original.subarray(0, 3).toString('latin1')).toBe('ID3');
    const { status, body } = await upload(server, user, 'general', original);
    expect(status).toBe(201);
    const media = ref(body);
    expect(media).toMatchObject({ kind: 'audio', mime: 'audio/mpeg', thumbUrl: null });
    const served = Buffer.from(await (await get(server, user, media.url)).arrayBuffer());
    expect(served.subarray(0, 3).toString('latin1')).not.toBe('ID3');
    for (const tag of ['Secret song', 'Jane Doe', 'recorded at home', 'TAG'])
      expect(served.includes(tag)).toBe(false);
    const out = join(work, 'served.mp3');
    await writeFile(out, served);
    expect(JSON.stringify(await ffprobeTags(out))).not.toMatch(/Secret|Jane|home/);
  });

  it('without ffmpeg, video and audio are off and say so; images still work', async () => {
    const bare = await startServer({
      media: { ffmpeg: '/nonexistent/ffmpeg', ffprobe: '/nonexistent/ffprobe' },
    });
    try {
      const options = (await (await fetch(`${bare.url}/api/media/options`)).json()) as MediaOptions;
      expect(options.kinds.video.enabled).toBe(false);
      expect(options.kinds.audio.enabled).toBe(false);
      expect(options.kinds.image.enabled).toBe(true);
      expect(options.accept).not.toContain('video/mp4');
      const user = await joined(bare);
      const mp3 = await readFile(join(work, 'tagged.mp3'));
      expect((await upload(bare, user, 'general', mp3)).body.error).toBe('MEDIA_UNAVAILABLE');
      expect((await upload(bare, user, 'general', await plainPng())).status).toBe(201);
      expect((await mediaFiles(bare)).filter((f) => f.startsWith('tmp/'))).toEqual([]);
    } finally {
      await bare.close();
    }
  });
});

describe.each(TEST_DATABASES)('[S1] hash-list matches on $name', (database) => {
  let server: TestServer;
  let drop: () => Promise<void>;
  let listed: Buffer;

  beforeAll(async () => {
    listed = await readFile(new URL('bridge-1-original.jpg', PDQ_IMAGES));
    const hashes = await hashImageBytes(listed);
    const list = join(work, `list-${database.name}.txt`);
    const md5Only = await plainPng(20, 20, '#123456');
    const md5 = (await hashImageBytes(md5Only)).md5;
    await writeFile(list, `# test list\npdq:${hashes.pdq}\nmd5:${md5}\n`);
    const opened = await database.open();
    drop = opened.drop;
    server = await startServer({ safety: { hashLists: [list] } }, { store: opened.store });
  });
  afterAll(async () => {
    await server.close();
    await drop();
  });

  it('a PDQ-listed image, re-encoded and resized, is blocked, quarantined, never served; the uploader is suspended', async () => {
    const uploader = await joined(server);
    const witness = await joined(server);
    const disguised = await sharp(listed).resize({ width: 300 }).jpeg({ quality: 60 }).toBuffer();
    expect(disguised.equals(listed)).toBe(false);
    const result = await upload(server, uploader, 'general', disguised);
    expect(result.status).toBe(403);
    expect(result.body.error).toBe('MEDIA_BLOCKED');
    const { store, suspensions } = server.app.services;
    const [alert] = (await store.media.openAlerts()).filter((a) => a.user_id === uploader.userId);
    expect(alert).toMatchObject({ kind: 'hash_match', user_id: uploader.userId });
    const mediaId = alert!.media_id!;
    const row = await store.media.get(mediaId);
    expect(row).toMatchObject({ status: 'quarantined', owner_id: uploader.userId, room_id: 'general' });
    const evidence = await store.media.evidence(mediaId);
    expect(evidence).toMatchObject({ user_id: uploader.userId, address: '127.0.0.1', match_kind: 'pdq' });
    expect(evidence!.port).toBeGreaterThan(0);
    expect(evidence!.match_distance).toBeLessThanOrEqual(31);
    expect(evidence!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(suspensions.isSuspended(uploader.userId)).toBe(true);
    expect(await store.media.isSuspended(uploader.userId)).toBe(true);
    // Kept as evidence, but nobody can fetch it, not even the uploader.
    expect(await mediaFiles(server)).toContain(`quarantine/${row!.file_key}`);
    for (const who of [uploader, witness])
      expect((await get(server, who, `/media/${mediaId}`)).status).toBe(404);
    const sent = await uploader.client.request({
      type: 'msg.send',
      id: uploader.client.nextId(),
      roomId: 'general',
      cid: 'after-block',
      text: 'hello',
      mediaId,
    });
    expect(sent).toMatchObject({ type: 'error', code: 'SUSPENDED' });
    expect((await upload(server, uploader, 'general', await plainPng())).body.error).toBe('SUSPENDED');
    expect(
      witness.client.frames.some((m) => m.type === 'msg' && m.message.authorId === uploader.userId),
    ).toBe(false);
    // T3: the automated suspension comes with its statement of reasons.
    const statements = (await (await get(server, uploader, '/api/statements')).json()) as {
      statements: { restriction: string; automated: boolean; rule: string }[];
    };
    expect(statements.statements[0]).toMatchObject({ restriction: 'suspend', automated: true });
    const audit = await store.audit.range(1, 1000);
    expect(audit.some((e) => e.action === 'media.quarantined' && e.targetId === mediaId)).toBe(true);
  });

  it('an exact MD5 match is blocked too; an unrelated image passes', async () => {
    const user = await joined(server);
    const result = await upload(server, user, 'general', await plainPng(20, 20, '#123456'));
    expect(result.body.error).toBe('MEDIA_BLOCKED');
    const other = await joined(server);
    expect((await upload(server, other, 'general', await noisyJpeg(300, 200))).status).toBe(201);
  });
});

describe('[S2] explicit images', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ media: { nudity: { force: 'explicit' } } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('are refused outside adult-content rooms and accepted conversations, and marked explicit where allowed', async () => {
    const alice = await joined(server);
    const png = await plainPng();
    const refused = await upload(server, alice, 'general', png);
    expect(refused.body.error).toBe('MEDIA_EXPLICIT');
    expect(await mediaFiles(server)).toEqual([]);
    await alice.client.join('adultes');
    const allowed = await upload(server, alice, 'adultes', png);
    expect(allowed.status).toBe(201);
    expect(ref(allowed.body).explicit).toBe(true);
  });

  it.skipIf(!HAVE_FFMPEG)('video frames go through the classifier too', async () => {
    const alice = await joined(server);
    const video = await clip('frames.mp4', 'mp4');
    expect((await upload(server, alice, 'general', video)).body.error).toBe('MEDIA_EXPLICIT');
    await alice.client.join('adultes');
    const allowed = await upload(server, alice, 'adultes', video);
    expect(ref(allowed.body)).toMatchObject({ kind: 'video', explicit: true });
  });

  it('in a private conversation: only once accepted', async () => {
    const alice = await newUser(server);
    const bob = await newUser(server);
    const asked = (await alice.client.request({
      type: 'dm.request',
      id: alice.client.nextId(),
      userId: bob.userId,
      cid: 'hi',
      text: 'bonjour',
    })) as ServerMessageOf<'dm.requested'>;
    const conversationId = asked.conversation.id;
    expect((await upload(server, alice, conversationId, await plainPng())).body.error).toBe(
      'REQUEST_TEXT_ONLY',
    );
    await bob.client.request({
      type: 'dm.respond',
      id: bob.client.nextId(),
      conversationId,
      action: 'accept',
    });
    const sent = await upload(server, alice, conversationId, await plainPng());
    expect(sent.status).toBe(201);
    const media = ref(sent.body);
    expect(media.explicit).toBe(true);
    const stranger = await newUser(server);
    expect((await get(server, stranger, media.url)).status).toBe(404);
    expect((await get(server, bob, media.url)).status).toBe(200);
  });
});

async function noisy(width: number, height: number): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 50 },
    },
  })
    .jpeg({ quality: 95 })
    .toBuffer();
}

function plainJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 16, height: 16, channels: 3, background: '#00ff00' } })
    .jpeg()
    .toBuffer();
}

function appendText(image: Buffer, text: string): Buffer {
  return Buffer.concat([image, Buffer.from(text)]);
}

/** Appends a minimal ZIP (one stored file) whose central directory makes the whole file a ZIP. */
function withZip(image: Buffer): Buffer {
  const name = Buffer.from('a.txt');
  const data = Buffer.from('hi');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const localOffset = image.length;
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(localOffset, 42);
  const cdOffset = localOffset + local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([image, local, name, data, central, name, end]);
}

async function corruptPng(): Promise<Buffer> {
  const png = await sharp({
    create: {
      width: 200,
      height: 200,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 50 },
    },
  })
    .png()
    .toBuffer();
  const broken = Buffer.from(png);
  for (let i = 200; i < broken.length - 200; i += 7) broken[i] = (broken[i]! + 91) & 0xff;
  return broken;
}

async function clip(name: string, kind: 'mp4' | 'mp3'): Promise<Buffer> {
  const path = join(work, name);
  await ffmpegClip(path, kind, {});
  return readFile(path);
}
