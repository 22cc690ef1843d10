import { useTranslation } from 'react-i18next';
import { useStatements, useStatementStore } from '../moderation/context.js';
import { shownStatement, unreadCount } from '../moderation/statements.js';
import { Dialog } from './Dialog.js';
import { formatMoment } from './format.js';
import { restrictionOf, StatementCard } from './StatementCard.js';

/** Whether the statement notice has something to show (the page behind it is then inert). */
export function useStatementNoticeOpen(): boolean {
  const state = useStatements();
  return shownStatement(state) !== null;
}

/** T3: a new statement of reasons (or one opened again), shown until the user has read it. */
export function StatementNotice() {
  const { t } = useTranslation();
  const store = useStatementStore();
  const state = useStatements();
  const shown = shownStatement(state);
  if (!store || !shown) return null;
  const more = unreadCount(state) - (state.read.has(shown.id) ? 0 : 1);
  const done = () => store.markRead(shown.id);
  return (
    <Dialog
      key={shown.id}
      title={t('statement.title')}
      onClose={done}
      testId="statement-notice"
      className="dialog-statement"
    >
      {({ descriptionId }) => (
        <div id={descriptionId} className="dialog-body">
          <StatementCard statement={shown} autoFocus />
          {more > 0 && <p className="muted">{t('statement.more', { count: more })}</p>}
          <div className="dialog-actions">
            <button type="button" className="primary" data-testid="statement-dismiss" onClick={done}>
              {t('statement.dismiss')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** T3: every statement of reasons I received, each can be opened again (to read it, or appeal). */
export function StatementList() {
  const { t, i18n } = useTranslation();
  const store = useStatementStore();
  const { statements } = useStatements();
  if (!store) return null;
  if (statements.length === 0) return <p className="muted">{t('statement.listEmpty')}</p>;
  return (
    <ul className="plain-list" data-testid="statement-list">
      {statements.map((statement) => (
        <li
          key={statement.id}
          className="list-row"
          data-testid="statement-item"
          data-statement-id={statement.id}
        >
          <span>
            {t(`statement.restriction.${restrictionOf(statement)}`)}{' '}
            <span className="muted">{formatMoment(statement.at, i18n.language)}</span>
          </span>
          <button
            type="button"
            className="small"
            data-testid="statement-open"
            onClick={() => store.open(statement.id)}
          >
            {t('statement.view')}
          </button>
        </li>
      ))}
    </ul>
  );
}
