import { z } from 'zod';

/** M1: what can be uploaded. */
export const MEDIA_KINDS = ['image', 'video', 'audio'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** Media ids are 22 characters of base64url (128 random bits): unguessable (M4). */
export const MediaId = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

/**
 * M1–M4, S2: a processed file attached to a message. Only files that passed the safety pipeline
 * exist as a MediaRef; `url` and `thumbUrl` are served to the room's members or the
 * conversation's two people only.
 */
export const MediaRef = z.object({
  id: MediaId,
  kind: z.enum(MEDIA_KINDS),
  /** Content type of the served file (after re-encoding / remuxing). */
  mime: z.string(),
  /** Size of the served file, in bytes. */
  size: z.number().int().min(0),
  width: z.number().int().min(0).nullable(),
  height: z.number().int().min(0).nullable(),
  durationMs: z.number().int().min(0).nullable(),
  /** S2: the nudity classifier found it explicit: blurred until clicked, hidden if the viewer chose so. */
  explicit: z.boolean(),
  url: z.string(),
  /** Still preview (images and videos); null for audio. */
  thumbUrl: z.string().nullable(),
});
export type MediaRef = z.infer<typeof MediaRef>;

/** Body of `GET /api/media/options`: what this server accepts (M1). */
export const MediaOptions = z.object({
  /** Per kind: accepted (video and audio need ffmpeg on the server) and largest upload in bytes. */
  kinds: z.object({
    image: z.object({ enabled: z.boolean(), maxBytes: z.number().int() }),
    video: z.object({ enabled: z.boolean(), maxBytes: z.number().int() }),
    audio: z.object({ enabled: z.boolean(), maxBytes: z.number().int() }),
  }),
  /** Content types accepted, for the file picker's `accept` attribute. */
  accept: z.array(z.string()),
});
export type MediaOptions = z.infer<typeof MediaOptions>;

/** Body of a successful `POST /api/media?roomId=…` (201). */
export const UploadResponse = z.object({ media: MediaRef });
export type UploadResponse = z.infer<typeof UploadResponse>;
