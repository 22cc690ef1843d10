import { useTranslation } from 'react-i18next';
import type { Statement } from '@salon/protocol';
import { StatementCard } from './StatementCard.js';

/** T3, T4: the session ended with a platform ban: its statement, and the way to appeal it. */
export function BanScreen({ statement }: { statement: Statement }) {
  const { t } = useTranslation();
  return (
    <main className="entry">
      <section className="entry-card statement-screen" data-testid="ban-screen" aria-labelledby="ban-title">
        <h2 id="ban-title">{t('statement.banTitle')}</h2>
        <p role="alert">{t('statement.banBody')}</p>
        <StatementCard statement={statement} />
      </section>
    </main>
  );
}
