import { afterAll, describe, expect, it } from 'vitest';
import { tsSourceExecArgv } from './ts-source-worker.js';
import { inheritedExecArgv, WorkerPool } from './worker-pool.js';

// A worker built on serveTasks: doubles numbers, and misbehaves on request.
const WORKER = new URL(
  'data:text/javascript,' +
    encodeURIComponent(`
      import { threadId } from 'node:worker_threads';
      import { serveTasks } from ${JSON.stringify(new URL('./worker-pool.ts', import.meta.url).href)};
      serveTasks(async (request) => {
        if (request === 'crash') process.exit(7);
        if (request === 'throw') throw new Error('refused');
        if (request === 'hang') return new Promise(() => {});
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { doubled: request * 2, thread: threadId };
      });
    `),
);

type Reply = { doubled: number; thread: number };

describe('worker pool', () => {
  const open: WorkerPool<unknown, Reply>[] = [];
  const pool = (size: number) => {
    const created = new WorkerPool<unknown, Reply>({
      size,
      url: WORKER,
      execArgv: tsSourceExecArgv(import.meta.url),
      name: 'test pool',
    });
    open.push(created);
    return created;
  };
  afterAll(() => Promise.all(open.map((p) => p.close())));

  it('[S2] starts workers on demand, never more than its size', async () => {
    expect(() => pool(0)).toThrow(RangeError);
    const two = pool(2);
    expect(two.workers).toBe(0);
    const replies = await Promise.all([1, 2, 3, 4, 5].map((n) => two.run(n)));
    expect(replies.map((r) => r.doubled)).toEqual([2, 4, 6, 8, 10]);
    expect(new Set(replies.map((r) => r.thread)).size).toBe(2);
    expect(two.workers).toBe(2);
  });

  it('[S2] a failed task leaves its worker running', async () => {
    const one = pool(1);
    const before = await one.run(1);
    await expect(one.run('throw')).rejects.toThrow('refused');
    expect((await one.run(2)).thread).toBe(before.thread);
  });

  it('[S2] a worker that dies fails only its task; the queue moves on to a fresh worker', async () => {
    const one = pool(1);
    const before = await one.run(1);
    const crashed = one.run('crash');
    const queued = one.run(21);
    await expect(crashed).rejects.toThrow('test pool worker exited with code 7');
    const reply = await queued;
    expect(reply.doubled).toBe(42);
    expect(reply.thread).not.toBe(before.thread);
  });

  it('[S2] close() rejects running and queued tasks at once, and later ones', async () => {
    const one = pool(1);
    const running = expect(one.run('hang')).rejects.toThrow('test pool is closed');
    const queued = expect(one.run(1)).rejects.toThrow('test pool is closed');
    await one.close();
    await running;
    await queued;
    expect(one.workers).toBe(0);
    await expect(one.run(1)).rejects.toThrow('test pool is closed');
  });

  it('[S2] workers inherit the process flags except --input-type, which only the main entry takes', () => {
    expect(inheritedExecArgv(['--input-type=module', '--enable-source-maps', '-e', 'x'])).toEqual([
      '--enable-source-maps',
      '-e',
      'x',
    ]);
    expect(inheritedExecArgv(['--input-type', 'module', '--max-old-space-size=512'])).toEqual([
      '--max-old-space-size=512',
    ]);
  });
});
