import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_CATEGORIES, REPORT_TEXT_MAX } from '@salon/protocol';
import type { ReportCategory } from '@salon/protocol';
import type { ActionError } from '../chat/client.js';
import { useChatClient } from './chatContext.js';
import { Dialog } from './Dialog.js';
import type { ReportRequest } from './reportContext.js';

type Phase =
  | { kind: 'choose' }
  | { kind: 'sending'; category: ReportCategory }
  | { kind: 'sent'; category: ReportCategory; reportId: string }
  | { kind: 'failed'; error: ActionError };

/** Categories where someone may be in danger right now. */
const URGENT: readonly ReportCategory[] = ['child_safety', 'threat'];

const EXCERPT_MAX = 160;

/**
 * T1: a report in two clicks: the "Report" button opened this dialog, a category sends it at once
 * (details, optional, are typed before). Then a receipt with the report's number.
 */
export function ReportDialog({ request, onClose }: { request: ReportRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useChatClient();
  const id = useId();
  const [details, setDetails] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });
  const closeRef = useRef<HTMLButtonElement>(null);

  // The category buttons go away with the receipt: focus moves to its Close button.
  const sent = phase.kind === 'sent';
  useEffect(() => {
    if (sent) closeRef.current?.focus();
  }, [sent]);

  async function send(category: ReportCategory) {
    if (phase.kind === 'sending') return;
    setPhase({ kind: 'sending', category });
    const outcome = await client.sendReport(request.target, category, details);
    setPhase(
      outcome.ok
        ? { kind: 'sent', category, reportId: outcome.reportId }
        : { kind: 'failed', error: outcome.error },
    );
  }

  const excerpt =
    request.excerpt !== undefined && request.excerpt.trim() !== ''
      ? [...request.excerpt].length > EXCERPT_MAX
        ? `${[...request.excerpt].slice(0, EXCERPT_MAX).join('')}…`
        : request.excerpt
      : null;

  return (
    <Dialog title={t('report.title')} onClose={onClose} testId="report-dialog" className="dialog-report">
      {({ descriptionId }) => (
        <div className="dialog-body">
          <div id={descriptionId} className="report-subject">
            <p className="report-subject-name" data-testid="report-subject">
              {request.subject}
            </p>
            {excerpt !== null && <blockquote className="report-excerpt">{excerpt}</blockquote>}
          </div>
          {phase.kind === 'sent' ? (
            <div className="report-receipt" data-testid="report-receipt" role="status">
              <p className="success">{t('report.received')}</p>
              <p data-testid="report-id" data-report-id={phase.reportId}>
                {t('report.reference', { id: phase.reportId })}
              </p>
              {URGENT.includes(phase.category) && <p className="help help-warning">{t('report.urgent')}</p>}
              {request.target.kind === 'user' && <p className="help">{t('report.blockHint')}</p>}
              <div className="dialog-actions">
                <button
                  ref={closeRef}
                  type="button"
                  className="primary"
                  data-testid="report-close"
                  onClick={onClose}
                >
                  {t('report.close')}
                </button>
              </div>
            </div>
          ) : (
            <>
              <p className="report-intro" tabIndex={-1} data-autofocus>
                {t('report.intro')}
              </p>
              <div className="field">
                <label htmlFor={`${id}-details`}>{t('report.details')}</label>
                <textarea
                  id={`${id}-details`}
                  data-testid="report-text"
                  rows={2}
                  maxLength={REPORT_TEXT_MAX}
                  value={details}
                  aria-describedby={`${id}-details-help`}
                  onChange={(event) => setDetails(event.target.value)}
                />
                <p id={`${id}-details-help`} className="help">
                  {t('report.detailsHelp')}
                </p>
              </div>
              <ul className="report-categories" aria-label={t('report.categoriesLabel')}>
                {REPORT_CATEGORIES.map((category) => (
                  <li key={category}>
                    <button
                      type="button"
                      className="report-category"
                      data-testid={`report-category-${category}`}
                      data-category={category}
                      data-urgent={URGENT.includes(category) ? 'true' : undefined}
                      disabled={phase.kind === 'sending'}
                      onClick={() => void send(category)}
                    >
                      <span className="report-category-label">
                        {t(`report.categories.${category}.label`)}
                      </span>
                      <span className="report-category-hint">{t(`report.categories.${category}.hint`)}</span>
                    </button>
                  </li>
                ))}
              </ul>
              <p role="status" className="muted" data-testid="report-status">
                {phase.kind === 'sending' ? t('report.sending') : ''}
              </p>
              {phase.kind === 'failed' && (
                <p role="alert" className="error" data-testid="report-error" data-code={phase.error}>
                  {t('report.failed', {
                    reason: t(`errors.${phase.error}`, { defaultValue: t('errors.UNKNOWN') }),
                  })}
                </p>
              )}
              <div className="dialog-actions">
                <button type="button" data-testid="report-cancel" onClick={onClose}>
                  {t('report.cancel')}
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}
