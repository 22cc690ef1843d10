/**
 * Builds the media pipeline from the configuration: storage under the data folder, the hash
 * workers, the nudity classifier, the operator's hash lists and ffmpeg when it is installed.
 */
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock, Random } from '../clock.js';
import type { Config } from '../config/schema.js';
import type { Roster } from '../cluster/roster.js';
import type { RoomDirectory } from '../chat/directory.js';
import { canRead } from '../chat/readers.js';
import type { AuditLog } from '../safety/audit.js';
import type { Limiter } from '../safety/limiter.js';
import type { Suspensions } from '../safety/suspensions.js';
import type { SessionRow, Store } from '../store/index.js';
import { findAvTools } from './av/index.js';
import { HashLists } from './hash-lists.js';
import { createHasher } from './hasher.js';
import { createClassifier } from './nsfw/classifier.js';
import { MediaService } from './upload/service.js';
import { LocalDiskStorage } from './upload/storage.js';

export interface MediaSetupDeps {
  config: Readonly<Config>;
  store: Store;
  roster: Roster;
  rooms: RoomDirectory;
  clock: Clock;
  random: Random;
  audit: AuditLog;
  limiter: Limiter;
  suspensions: Suspensions;
  access(session: SessionRow, roomId: string): Promise<'room' | 'direct'>;
  onQuarantined?(userId: string, roomId: string): Promise<void>;
  log: FastifyBaseLogger;
}

export interface Media {
  /** The media folder: files, quarantine and uploads in progress. */
  root: string;
  service: MediaService;
  hashLists: HashLists;
  close(): Promise<void>;
}

/** Minimum age for explicit media in private conversations (S2: between adults). */
const ADULT_AGE = 18;

export async function createMedia(deps: MediaSetupDeps): Promise<Media> {
  const { config, store, roster, rooms } = deps;
  const root = join(config.storage.dataDir, 'media');
  const storage = new LocalDiskStorage(join(root, 'files'));
  const quarantine = new LocalDiskStorage(join(root, 'quarantine'));
  await storage.init();
  await quarantine.init();
  const { lists: hashLists, report } = await HashLists.load(config.safety.hashLists);
  for (const problem of report.problems) deps.log.warn(problem, 'hash list line skipped');
  const av = await findAvTools({
    ...(config.media.ffmpeg ? { ffmpeg: config.media.ffmpeg } : {}),
    ...(config.media.ffprobe ? { ffprobe: config.media.ffprobe } : {}),
  });
  if (!av) deps.log.warn('ffmpeg/ffprobe not found: video and audio uploads are off');
  const hasher = createHasher();
  const classifier = createClassifier({
    threshold: config.media.nudity.threshold,
    force: config.media.nudity.force,
    ...(config.media.nudity.workers ? { size: config.media.nudity.workers } : {}),
  });

  const conversation = (roomId: string) => store.conversations.get(roomId);
  const service = new MediaService({
    store,
    storage,
    quarantine,
    tmpDir: join(root, 'tmp'),
    av,
    hasher,
    classifier,
    hashLists,
    config,
    clock: deps.clock,
    random: deps.random,
    audit: deps.audit,
    limiter: deps.limiter,
    suspensions: deps.suspensions,
    access: (session, roomId) => deps.access(session, roomId),
    onQuarantined: (userId, roomId) => deps.onQuarantined?.(userId, roomId) ?? Promise.resolve(),
    canRead: (userId, roomId) => canRead({ store, roster, rooms }, userId, roomId),
    async explicitAllowed(roomId) {
      const kind = await rooms.kind(roomId);
      if (kind !== 'direct') return kind !== null && (await rooms.room(roomId)).adult;
      const row = await conversation(roomId);
      if (!row || row.state !== 'accepted') return false;
      const people = await Promise.all([
        store.sessions.byId(row.user_low),
        store.sessions.byId(row.user_high),
      ]);
      return people.every((person) => person !== null && person.age >= ADULT_AGE);
    },
    async accepted(roomId) {
      return (await conversation(roomId))?.state === 'accepted';
    },
  });
  await service.init();
  return {
    root,
    service,
    hashLists,
    async close() {
      await Promise.all([hasher.close(), classifier.close()]);
    },
  };
}
