import { ClientReport } from '@salon/protocol';
import type { Handler } from '../context.js';

/** T1: a report of a message, a user, a room or a file; the reply is the receipt. */
export const report: Handler<'report'> = {
  schema: ClientReport,
  needsSession: true,
  role: 'member',
  rateLimit: null, // limits.reports, counted by the service
  async handle(message, { services, session, reply }) {
    const { reportId } = await services.reports.report(
      session,
      message.target,
      message.category,
      message.text ?? '',
    );
    reply({ type: 'report.received', id: message.id, reportId });
  },
};
