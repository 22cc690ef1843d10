import { HTTP_PATHS, Statement } from '@salon/protocol';
import { answer, browserFetch, callJson, field, parsed, postJson } from './http.js';
import type { ApiResult, Fetch } from './http.js';

/** T3: my statements of reasons and my appeals; an interface so tests can stand in for the server. */
export interface ModerationApi {
  /** `GET /api/statements`: mine, with the chat session cookie (still valid right after a ban). */
  statements(): Promise<ApiResult<Statement[]>>;
  /** `POST /api/appeals`: contests a decision; the statement comes back with its appeal pending. */
  appeal(statementId: string, text: string): Promise<ApiResult<Statement>>;
}

const Statements = Statement.array();

export function httpModerationApi(fetchImpl: Fetch = browserFetch): ModerationApi {
  return {
    async statements() {
      const reply = await callJson(fetchImpl, HTTP_PATHS.statements);
      return answer(reply, (body) => parsed(Statements.safeParse(field(body, 'statements'))));
    },
    async appeal(statementId, text) {
      const reply = await postJson(fetchImpl, HTTP_PATHS.appeals, { statementId, text });
      return answer(reply, (body) => parsed(Statement.safeParse(field(body, 'statement'))));
    },
  };
}
