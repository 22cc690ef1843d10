import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserCard } from '@salon/protocol';
import { explainedSignals, RISK_ADVICE } from '../moderation/riskSignals.js';
import { useChatClient, useChatState } from './chatContext.js';
import { ReportPeer } from './ReportPeer.js';

/**
 * T7, P4: the other person's messages raised risk signals (a meeting, photos, another app…).
 * Explains each one in plain words, with Report and Block at hand; stays until dismissed, and
 * later signals join it.
 */
export function RiskNotice({ conversationId, peer }: { conversationId: string; peer: UserCard }) {
  const { t } = useTranslation();
  const client = useChatClient();
  const id = useId();
  const signals = useChatState((s) => s.riskNotices[conversationId]);
  const blocked = useChatState((s) => s.blocked.some((b) => b.userId === peer.userId));
  const name = peer.nickname;
  const explained = signals ? explainedSignals(signals) : [];
  return (
    <>
      <p className="sr-only" role="status">
        {signals ? t('risk.announce', { name }) : ''}
      </p>
      {signals && (
        <aside
          className="safety-notice risk-notice"
          data-testid="risk-notice"
          data-signals={signals.join(',')}
          aria-labelledby={`${id}-title`}
          tabIndex={0}
        >
          <h3 id={`${id}-title`}>{t('risk.title')}</h3>
          {explained.length > 0 && <p>{t('risk.intro')}</p>}
          <ul className="risk-signals">
            {explained.map((signal) => (
              <li key={signal} data-signal={signal}>
                <p className="risk-lead">{t(`risk.signals.${signal}.lead`, { name })}</p>
                <ul>
                  {RISK_ADVICE[signal].map((advice) => (
                    <li key={advice}>{t(`risk.signals.${signal}.${advice}`)}</li>
                  ))}
                </ul>
              </li>
            ))}
            {explained.length === 0 && <li>{t('risk.general')}</li>}
          </ul>
          {explained.includes('meeting') && <p className="help-warning">{t('report.urgent')}</p>}
          <p>{t('risk.actions')}</p>
          <div className="risk-actions">
            <ReportPeer peer={peer} conversationId={conversationId} testId="risk-report" />
            {blocked ? (
              <span className="muted" data-testid="risk-blocked">
                {t('risk.blocked', { name })}
              </span>
            ) : (
              <button
                type="button"
                className="small danger"
                data-testid="risk-block"
                onClick={() => void client.block(peer)}
              >
                {t('risk.block', { name })}
              </button>
            )}
            <button
              type="button"
              className="small"
              data-testid="risk-dismiss"
              onClick={() => {
                client.dismissRiskNotice(conversationId);
                document.getElementById('salon-messages')?.focus();
              }}
            >
              {t('risk.dismiss')}
            </button>
          </div>
        </aside>
      )}
    </>
  );
}
