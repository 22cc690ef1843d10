/**
 * Where processed files live. Local disk under the data folder by default; the interface is
 * small so an object store can take its place.
 */
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

export interface MediaStorage {
  /** Moves a finished local file in under `key` (the local file is gone afterwards). */
  put(key: string, localPath: string): Promise<void>;
  /** The stored size in bytes, or null when there is no such file. */
  size(key: string): Promise<number | null>;
  /** A stream of the bytes from `start` to `end` inclusive (the whole file by default). */
  read(key: string, range?: { start: number; end: number }): Readable;
  delete(key: string): Promise<void>;
}

const KEY = /^[A-Za-z0-9_-]+(\.[a-z0-9]+)?$/;

export class LocalDiskStorage implements MediaStorage {
  constructor(readonly root: string) {}

  async init(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  private path(key: string): string {
    if (!KEY.test(key)) throw new Error(`bad media key ${key}`);
    return join(this.root, key);
  }

  async put(key: string, localPath: string): Promise<void> {
    const target = this.path(key);
    try {
      await rename(localPath, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await copyFile(localPath, target);
      await rm(localPath, { force: true });
    }
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.path(key))).size;
    } catch {
      return null;
    }
  }

  read(key: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.path(key), range ?? {});
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
