/**
 * Worker-thread entry for hasher.ts: decodes and hashes one image per task. Errors go back as
 * rejections of that task only, so one bad upload never takes the worker down.
 */
import { hashImageBytes } from './image-hash.js';
import type { HashRequest, ImageHashes } from './image-hash.js';
import { lowerThreadPriority } from './thread-priority.js';
import { serveTasks } from './worker-pool.js';

lowerThreadPriority();

serveTasks<HashRequest, ImageHashes>((request) => hashImageBytes(request.bytes));
