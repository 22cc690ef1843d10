import { z } from 'zod';
import { parseDuration } from './duration.js';

const duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: 'expected a duration such as "30s", "15m", "24h" or "7d"' });
    return z.NEVER;
  }
  return ms;
});

const rate = z.strictObject({
  /** How many actions are allowed per window. */
  points: z.number().int().min(1),
  /** The window. */
  window: duration,
});

export const RoomConfigSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, "-" and "_", at most 64'),
  name: z.string().min(1).max(60),
  topic: z.string().max(200).default(''),
  adult: z.boolean().default(false),
  /** V1: a voice room: members join the voice to listen and unmute to speak. */
  voice: z.boolean().default(false),
});
export type RoomConfig = z.input<typeof RoomConfigSchema>;

export const ConfigSchema = z.strictObject({
  http: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8080),
      /** Trust X-Forwarded-For from a reverse proxy: true, or the proxy addresses/CIDRs (list or comma-separated). */
      trustProxy: z.union([z.boolean(), z.string(), z.array(z.string())]).default(false),
      /** Extra origins allowed to open the WebSocket; the page's own origin is always allowed. */
      allowedOrigins: z.array(z.string().url()).default([]),
      /** Secure cookies: "auto" sets them when the request came over HTTPS. */
      cookieSecure: z.union([z.boolean(), z.literal('auto')]).default('auto'),
      /** O4: bearer token for GET /metrics; null serves metrics to this machine (loopback) only. */
      metricsToken: z
        .string()
        .regex(/^[\x21-\x7e]{16,}$/, 'at least 16 printable ASCII characters, without spaces')
        .nullable()
        .default(null),
    })
    .prefault({}),
  storage: z
    .strictObject({
      /** Folder for the SQLite file and media. */
      dataDir: z.string().default('./data'),
      /** postgres://… to use PostgreSQL; empty for the embedded SQLite file. */
      databaseUrl: z.string().nullable().default(null),
    })
    .prefault({}),
  /** O1: cluster mode. With a Redis URL, nodes sharing it (and one PostgreSQL) form one service. */
  cluster: z
    .strictObject({
      /** redis://… to run as one node of a cluster; empty for a single process. */
      redisUrl: z.string().nullable().default(null),
      /** Prefix of every Redis key and channel, so several services can share one Redis. */
      prefix: z
        .string()
        .regex(/^[A-Za-z0-9:_-]{1,40}$/)
        .default('salon:'),
      /** A node silent for this long is taken for dead: the others drop its members. */
      nodeTimeout: duration.default(10_000),
    })
    .prefault({}),
  entry: z
    .strictObject({
      /** E3: minimum age. */
      minAge: z.number().int().min(13).max(99).default(18),
      /** E3: how long a refused device and address stay refused. */
      ageCooldown: duration.default(24 * 3_600_000),
      /** E2: how long an idle session keeps its identity. */
      sessionLifetime: duration.default(7 * 86_400_000),
      /** E1: how long a disconnected user keeps their nickname. */
      nicknameGrace: duration.default(120_000),
      /** E4: word list file (one entry a line); empty for the bundled default list. */
      wordList: z.string().nullable().default(null),
    })
    .prefault({}),
  chat: z
    .strictObject({
      /** R6: messages sent on join. */
      historyOnJoin: z.number().int().min(1).max(200).default(50),
      /** How long a member whose connection dropped stays in their rooms, waiting to reconnect (R7). */
      memberGrace: duration.default(20_000),
      /** R2: a private room with nobody in it disappears after this long, unless its owner keeps it. */
      privateRoomEmptyDelay: duration.default(30 * 60_000),
    })
    .prefault({}),
  limits: z
    .strictObject({
      messages: rate.default({ points: 10, window: 10_000 }),
      typing: rate.default({ points: 10, window: 10_000 }),
      entries: rate.default({ points: 10, window: 60_000 }),
      /** R2: private rooms a user may create per window. */
      rooms: rate.default({ points: 5, window: 3_600_000 }),
      /** P1: new private-message requests a user may open per window. */
      requests: rate.default({ points: 20, window: 3_600_000 }),
      /** E5: login attempts per address, and per nickname, per window. */
      logins: rate.default({ points: 10, window: 15 * 60_000 }),
      /** T5, M1: uploads a user may make per window. */
      uploads: rate.default({ points: 30, window: 3_600_000 }),
      /** T1, T5: reports a user may file per window. */
      reports: rate.default({ points: 20, window: 3_600_000 }),
      /** V1–V4: live-media signalling messages (cameras, voice, candidates) per session, per window. */
      live: rate.default({ points: 120, window: 10_000 }),
      /** T5: WebSocket connections open at once from one network address. */
      connectionsPerAddress: z.number().int().min(1).default(20),
      /** T5: new WebSocket connections per network address, per window. */
      connects: rate.default({ points: 30, window: 10_000 }),
      /** T5: how many times one user may send the same text within `repeatWindow`. */
      repeats: z.number().int().min(1).max(20).default(3),
      repeatWindow: duration.default(60_000),
      /** Bytes a client may have waiting in its socket buffer before it is disconnected. */
      maxBufferedBytes: z.number().int().min(1024).default(1_048_576),
    })
    .prefault({}),
  safety: z
    .strictObject({
      /** S3: files of blocked hosts and host/paths, one a line; reloaded on SIGHUP. */
      urlBlocklists: z.array(z.string()).default([]),
      /** S1: files of MD5 / SHA-256 / PDQ hashes, one a line; reloaded on SIGHUP. */
      hashLists: z.array(z.string()).default([]),
      /** T6: file of words refused in messages (word-list format); also applies to names. Null: none. */
      messageBlockList: z.string().nullable().default(null),
      /** T6: file of words that flag a message for staff review (word-list format). Null: none. */
      messageFlagList: z.string().nullable().default(null),
    })
    .prefault({}),
  staff: z
    .strictObject({
      /** O3: how long a staff login lasts; it does not slide with use. */
      sessionLifetime: duration.default(12 * 3_600_000),
    })
    .prefault({}),
  media: z
    .strictObject({
      image: z
        .strictObject({
          /** M1: largest image upload, in bytes. */
          maxBytes: z
            .number()
            .int()
            .min(1024)
            .default(15 * 1_048_576),
          /** M1: most pixels (width × height) an image may declare; larger ones are refused unread. */
          maxPixels: z.number().int().min(1).default(50_000_000),
          /** M1: most frames in an animated image. */
          maxFrames: z.number().int().min(1).default(500),
          /** M2: longest side of the served image; larger ones are scaled down. */
          maxSide: z.number().int().min(64).default(2048),
        })
        .prefault({}),
      video: z
        .strictObject({
          maxBytes: z
            .number()
            .int()
            .min(1024)
            .default(100 * 1_048_576),
          maxDuration: duration.default(10 * 60_000),
          maxSide: z.number().int().min(64).default(3840),
          /** S1, S2: frames sampled for hashing and the nudity classifier. */
          sampleFrames: z.number().int().min(1).max(20).default(3),
        })
        .prefault({}),
      audio: z
        .strictObject({
          maxBytes: z
            .number()
            .int()
            .min(1024)
            .default(30 * 1_048_576),
          maxDuration: duration.default(30 * 60_000),
        })
        .prefault({}),
      /** Paths of ffmpeg and ffprobe; null looks them up on the PATH. Without them, video and audio are off. */
      ffmpeg: z.string().nullable().default(null),
      ffprobe: z.string().nullable().default(null),
      /** Longest a single ffmpeg or ffprobe run may take. */
      processTimeout: duration.default(120_000),
      nudity: z
        .strictObject({
          /** S2: explicit when the classifier's Porn + Hentai score reaches this. */
          threshold: z.number().min(0).max(1).default(0.6),
          /** Worker threads for the classifier; null: one less than the cores, at least one. */
          workers: z.number().int().min(1).nullable().default(null),
          /**
           * TEST HOOK ONLY: skip the classifier and give every image this verdict. Never set it
           * in production: "safe" turns the nudity signal off.
           */
          force: z.enum(['explicit', 'safe']).nullable().default(null),
        })
        .prefault({}),
    })
    .prefault({}),
  privacy: z
    .strictObject({
      /**
       * T11: key sealing authors' network addresses (64 hex digits = 256 bits); null keeps a key
       * generated on first start in <dataDir>/address.key. Several nodes must share one key.
       */
      addressKey: z
        .string()
        .regex(/^[0-9a-fA-F]{64}$/, '64 hexadecimal digits')
        .nullable()
        .default(null),
      /** T11: how long authors' addresses are kept (legal retention). */
      addressRetention: duration.default(365 * 86_400_000),
      /** T11: how long chat messages are kept. */
      chatRetention: duration.default(30 * 86_400_000),
      /** How often the purge runs. */
      purgeEvery: duration.default(3_600_000),
    })
    .prefault({}),
  live: z
    .strictObject({
      /**
       * V1, V2: live webcam and voice through Janus. "auto" starts the Janus binary as a child
       * process when it is installed; "off" turns live media off; "external" uses a Janus that
       * is already running (apiUrl, adminUrl and the secrets below).
       */
      mode: z.enum(['auto', 'off', 'external']).default('auto'),
      /** Path of the janus binary; null looks it up on the PATH. */
      janus: z.string().nullable().default(null),
      /** Loopback ports of the API and admin API of the Janus Salon starts; null: free ones. */
      apiPort: z.number().int().min(1).max(65535).nullable().default(null),
      adminPort: z.number().int().min(1).max(65535).nullable().default(null),
      /** For mode "external": the Janus API and admin API (ws://…) and their secrets. */
      apiUrl: z.string().nullable().default(null),
      adminUrl: z.string().nullable().default(null),
      adminSecret: z.string().nullable().default(null),
      roomSecret: z.string().nullable().default(null),
      /** UDP ports Janus uses for media ("min-max"). */
      rtpPorts: z
        .string()
        .regex(/^\d+-\d+$/, '"min-max"')
        .default('20000-40000'),
      /** The public address of the media server behind a 1:1 NAT (Janus nat_1_1_mapping); null: none. */
      publicIp: z.string().nullable().default(null),
      /** Interfaces or addresses Janus gathers candidates on (Janus ice_enforce_list); null: all. */
      interfaces: z.string().nullable().default(null),
      /**
       * V3: addresses the media server's candidates may carry; candidates of any other address are
       * dropped before they reach a browser. null: the publicIp and interfaces addresses.
       */
      mediaAddresses: z.array(z.string()).nullable().default(null),
      /** V2: cameras on at once in one room. */
      camLimit: z.number().int().min(1).max(100).default(6),
      /** V1: people speaking at once in one voice room. */
      speakerLimit: z.number().int().min(1).max(100).default(4),
      /** V3: TURN fallback (coturn with use-auth-secret): its URLs and shared secret. */
      turn: z
        .strictObject({
          urls: z.array(z.string().regex(/^turns?:/, 'turn: or turns: URL')).default([]),
          secret: z.string().nullable().default(null),
          /** How long a TURN credential stays valid. */
          ttl: duration.default(3_600_000),
        })
        .prefault({}),
    })
    .prefault({}),
  rooms: z.array(RoomConfigSchema).min(1).optional(),
  log: z
    .strictObject({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .prefault({}),
});

export type Config = z.output<typeof ConfigSchema> & {
  rooms: z.output<typeof RoomConfigSchema>[];
};
export type ConfigInput = z.input<typeof ConfigSchema>;
