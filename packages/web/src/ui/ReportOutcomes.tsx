import { useTranslation } from 'react-i18next';
import { useChatClient, useChatState } from './chatContext.js';

/** T1: the outcome of my reports, once their case is closed; each stays until dismissed. */
export function ReportOutcomes() {
  const { t } = useTranslation();
  const client = useChatClient();
  const closed = useChatState((s) => s.closedReports);
  if (closed.length === 0) return null;
  return (
    <div className="invite-notices">
      {closed.map(({ reportId, outcome }) => (
        <div
          key={reportId}
          className="invite-notice report-outcome"
          role="status"
          data-testid="report-outcome"
          data-outcome={outcome}
          data-report-id={reportId}
        >
          <span className="invite-text">
            {t(`report.outcome.${outcome}`)}{' '}
            <span className="muted">{t('report.reference', { id: reportId })}</span>
          </span>
          <button
            type="button"
            className="small"
            data-testid="report-outcome-dismiss"
            aria-label={t('report.outcome.dismiss', { id: reportId })}
            onClick={() => client.dismissClosedReport(reportId)}
          >
            {t('notice.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
