/**
 * Video (MP4, WebM) and audio (MP3, Ogg, M4A) uploads with ffprobe and ffmpeg (M1, M2, S1):
 * validation, remuxing without any metadata, and still frames for the safety pipeline.
 */
export { AvError } from './types.js';
export type { AvContainer, AvErrorCode, AvInfo, AvLimits, AvTools } from './types.js';
export { createAvTools, findAvTools } from './tools.js';
export type { AvToolPaths } from './tools.js';
export { MAX_FRAME_COUNT } from './frames.js';
