import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_CATEGORIES } from '@salon/protocol';
import type { ApiFailure } from '../api/http.js';
import { transparencyPath } from '../api/transparency.js';
import type { TransparencyApi, TransparencyRange, TransparencyReport } from '../api/transparency.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { formatDuration } from './duration.js';

const DAY = 86_400_000;
/** The default period: the last 30 whole days (UTC), today not included. */
const DEFAULT_DAYS = 30;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Actions in the order they are listed; others follow by name. */
const ACTION_ORDER = [
  'remove',
  'warn',
  'mute',
  'kick',
  'ban',
  'suspend',
  'quarantine',
  'escalate',
  'dismiss',
];

const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The period asked for in the address (`?from=…&to=…`), else the last 30 days. */
export function initialRange(search: string, now: number): TransparencyRange {
  const query = new URLSearchParams(search);
  const pick = (key: string, otherwise: string) => {
    const value = query.get(key) ?? '';
    return DATE.test(value) ? value : otherwise;
  };
  return { from: pick('from', day(now - DEFAULT_DAYS * DAY)), to: pick('to', day(now)) };
}

function actionNames(report: TransparencyReport): string[] {
  const names = new Set([...Object.keys(report.actions.human), ...Object.keys(report.actions.automated)]);
  const known = ACTION_ORDER.filter((name) => names.has(name));
  const others = [...names].filter((name) => !ACTION_ORDER.includes(name)).sort();
  return [...known, ...others];
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'shown'; report: TransparencyReport }
  | { kind: 'failed'; failure: ApiFailure };

interface Props {
  api: TransparencyApi;
  /** The clock, for the default period. */
  now?: () => number;
  /** The address's query, for a period given in a link. */
  search?: string;
}

/**
 * T9: the public transparency report: notices received by category, actions taken by staff and
 * automated, the median time to a first action and the number of cases acted on, for a period;
 * the same figures as JSON.
 */
export function TransparencyApp({ api, now = Date.now, search = window.location.search }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [initial] = useState(() => initialRange(search, now()));
  const [draft, setDraft] = useState(initial);
  const [range, setRange] = useState(initial);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    setPhase({ kind: 'loading' });
    void api.report(range).then((result) => {
      if (!live) return;
      setPhase(
        result.ok ? { kind: 'shown', report: result.value } : { kind: 'failed', failure: result.failure },
      );
    });
    return () => {
      live = false;
    };
  }, [api, range]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = { from: draft.from.trim(), to: draft.to.trim() };
    setRange(next);
    // The address keeps the period, to share or come back to.
    const query = transparencyPath(next).split('?')[1];
    const { pathname, hash } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${query ? `?${query}` : ''}${hash}`);
  }

  const number = new Intl.NumberFormat(i18n.language);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' });

  let body;
  if (phase.kind === 'loading') {
    body = (
      <p role="status" className="muted" data-testid="transparency-loading">
        {t('transparency.loading')}
      </p>
    );
  } else if (phase.kind === 'failed') {
    const { code } = phase.failure;
    body = (
      <p role="alert" className="error" data-testid="transparency-error" data-code={code}>
        {code === 'BAD_MESSAGE'
          ? t('transparency.badDates')
          : t(`errors.${code}`, { defaultValue: t('errors.UNKNOWN') })}
      </p>
    );
  } else {
    const { report } = phase;
    const actions = actionNames(report);
    const median = report.medianTimeToActionMs;
    body = (
      <div className="transparency-report" data-testid="transparency-report">
        <p className="transparency-period" data-testid="transparency-period">
          {t('transparency.period', {
            from: date.format(report.from),
            to: date.format(Math.max(report.from, report.to - 1)),
          })}
        </p>

        <section aria-labelledby={`${id}-notices`}>
          <h3 id={`${id}-notices`}>{t('transparency.notices')}</h3>
          <table className="transparency-table">
            <thead>
              <tr>
                <th scope="col">{t('transparency.category')}</th>
                <th scope="col">{t('transparency.count')}</th>
              </tr>
            </thead>
            <tbody>
              {REPORT_CATEGORIES.map((category) => (
                <tr key={category}>
                  <th scope="row">{t(`report.categories.${category}.label`)}</th>
                  <td
                    data-testid={`transparency-category-${category}`}
                    data-count={report.notices.byCategory[category]}
                  >
                    {number.format(report.notices.byCategory[category])}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('transparency.total')}</th>
                <td data-testid="transparency-total" data-count={report.notices.total}>
                  {number.format(report.notices.total)}
                </td>
              </tr>
            </tfoot>
          </table>
        </section>

        <section aria-labelledby={`${id}-actions`}>
          <h3 id={`${id}-actions`}>{t('transparency.actions')}</h3>
          {actions.length === 0 ? (
            <p className="muted" data-testid="transparency-no-actions">
              {t('transparency.noActions')}
            </p>
          ) : (
            <table className="transparency-table">
              <thead>
                <tr>
                  <th scope="col">{t('transparency.action')}</th>
                  <th scope="col">{t('transparency.human')}</th>
                  <th scope="col">{t('transparency.automated')}</th>
                </tr>
              </thead>
              <tbody>
                {actions.map((name) => {
                  const human = report.actions.human[name] ?? 0;
                  const automated = report.actions.automated[name] ?? 0;
                  return (
                    <tr
                      key={name}
                      data-testid={`transparency-action-${name}`}
                      data-human={human}
                      data-automated={automated}
                    >
                      <th scope="row">{t(`transparency.actionNames.${name}`, { defaultValue: name })}</th>
                      <td>{number.format(human)}</td>
                      <td>{number.format(automated)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>

        <section aria-labelledby={`${id}-timing`}>
          <h3 id={`${id}-timing`}>{t('transparency.timing')}</h3>
          <dl className="transparency-figures">
            <div>
              <dt>{t('transparency.median')}</dt>
              <dd data-testid="transparency-median" data-ms={median ?? undefined}>
                {median === null ? t('transparency.medianNone') : formatDuration(t, median)}
              </dd>
            </div>
            <div>
              <dt>{t('transparency.cases')}</dt>
              <dd data-testid="transparency-cases" data-count={report.casesActedOn}>
                {number.format(report.casesActedOn)}
              </dd>
            </div>
          </dl>
          <p className="help">{t('transparency.medianHelp')}</p>
        </section>
      </div>
    );
  }

  return (
    <div className="app app-simple transparency-app" data-testid="transparency-page">
      <header className="app-header">
        <h1 className="brand">
          <a href="/" className="brand-link">
            {t('app.name')}
          </a>
        </h1>
        <span className="header-spacer" />
        <LanguageSwitch />
      </header>
      <main className="transparency">
        <h2>{t('transparency.title')}</h2>
        <p className="muted">{t('transparency.intro')}</p>
        <form className="transparency-form" noValidate onSubmit={submit} data-testid="transparency-form">
          <fieldset>
            <legend>{t('transparency.rangeLabel')}</legend>
            <div className="transparency-fields">
              <div className="field">
                <label htmlFor={`${id}-from`}>{t('transparency.from')}</label>
                <input
                  id={`${id}-from`}
                  type="date"
                  data-testid="transparency-from"
                  value={draft.from}
                  aria-describedby={`${id}-help`}
                  onChange={(event) => setDraft({ ...draft, from: event.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-to`}>{t('transparency.to')}</label>
                <input
                  id={`${id}-to`}
                  type="date"
                  data-testid="transparency-to"
                  value={draft.to}
                  aria-describedby={`${id}-help`}
                  onChange={(event) => setDraft({ ...draft, to: event.target.value })}
                />
              </div>
              <button type="submit" className="primary" data-testid="transparency-submit">
                {t('transparency.submit')}
              </button>
            </div>
            <p id={`${id}-help`} className="help">
              {t('transparency.rangeHelp')}
            </p>
          </fieldset>
        </form>
        {body}
        <p>
          <a href={transparencyPath(range)} data-testid="transparency-json" type="application/json">
            {t('transparency.json')}
          </a>
        </p>
        <p>
          <a href="/">{t('transparency.back')}</a>
        </p>
      </main>
    </div>
  );
}
