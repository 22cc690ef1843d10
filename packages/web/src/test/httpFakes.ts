import { act } from 'react';
import type { Fetch } from '../api/http.js';

export interface HttpCall {
  method: string;
  path: string;
  body: unknown;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (body: unknown) => FakeAnswer;

/** A `fetch` stand-in: the test plays the HTTP server, route by route, and reads what was sent. */
export class FakeHttp {
  readonly calls: HttpCall[] = [];
  private readonly routes = new Map<string, Handler>();

  /** Answers `METHOD path` (the last handler set wins); unknown routes get a 404. */
  on(method: string, path: string, answer: FakeAnswer | Handler): this {
    this.routes.set(`${method} ${path}`, typeof answer === 'function' ? answer : () => answer);
    return this;
  }

  readonly fetch: Fetch = (input, init) => {
    const method = init?.method ?? 'GET';
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    this.calls.push({ method, path: input, body });
    const handler = this.routes.get(`${method} ${input}`);
    const answer = handler
      ? handler(body)
      : { status: 404, body: { error: 'NOT_FOUND', message: 'Not found' } };
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    return Promise.resolve(
      new Response(answer.status === 204 ? null : text, { status: answer.status, headers: answer.headers }),
    );
  };

  /** Calls made to `METHOD path`. */
  sent(method: string, path: string): HttpCall[] {
    return this.calls.filter((c) => c.method === method && c.path === path);
  }

  last(method: string, path: string): HttpCall {
    const found = this.sent(method, path).at(-1);
    if (!found) throw new Error(`no ${method} ${path}`);
    return found;
  }
}

/** Waits (real time, a little) until `check` passes: for parts that render after layout (lists). */
export async function waitFor(check: () => boolean, tries = 40): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    if (check()) return;
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
  }
  if (!check()) throw new Error('condition not met in time');
}
