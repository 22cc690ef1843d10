import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveStream } from '@salon/protocol';
import type { ApiFailure } from '../api/session.js';
import type { StaffApi } from '../api/staff.js';
import { failureText } from '../ui/failureText.js';
import { formatMoment } from '../ui/format.js';
import { usePolling } from './usePolling.js';

/** Live streams change fast: the list is fetched again this often. */
const LIVE_REFRESH_MS = 10_000;

/** V4: every camera on and every voice speaking now; staff end any of them. */
export function LivePanel({ api, onSignedOut }: { api: StaffApi; onSignedOut: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [streams, setStreams] = useState<LiveStream[] | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [ended, setEnded] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await api.streams();
    if (result.ok) {
      setFailure(null);
      setStreams(result.value);
    } else if (result.failure.code === 'UNAUTHENTICATED') onSignedOut();
    else setFailure(result.failure);
  }, [api, onSignedOut]);
  usePolling(load, LIVE_REFRESH_MS);

  async function end(stream: LiveStream) {
    const result = await api.endStream(stream.roomId, stream.userId);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    setEnded(stream.nickname);
    await load();
  }

  return (
    <section className="staff-appeals staff-live" aria-labelledby={`${id}-title`}>
      <div className="queue-head">
        <h2 id={`${id}-title`}>{t('staff.live.title')}</h2>
        <button type="button" className="small" data-testid="live-refresh" onClick={() => void load()}>
          {t('staff.queue.refresh')}
        </button>
      </div>
      <p className="muted">{t('staff.live.intro')}</p>
      {ended !== null && (
        <p role="status" className="success" data-testid="live-ended">
          {t('staff.live.ended', { name: ended })}
        </p>
      )}
      {failure && (
        <p role="alert" className="error" data-testid="live-error" data-code={failure.code}>
          {failureText(t, failure, i18n.language)}
        </p>
      )}
      {streams === null && !failure && <p role="status">{t('staff.live.loading')}</p>}
      {streams?.length === 0 && (
        <p className="muted" data-testid="live-empty">
          {t('staff.live.empty')}
        </p>
      )}
      {streams !== null && streams.length > 0 && (
        <ul className="plain-list appeal-list" data-testid="live-streams">
          {streams.map((stream) => (
            <li
              key={`${stream.media}:${stream.roomId}:${stream.userId}`}
              className="appeal-item"
              data-testid="live-stream"
            >
              <p>
                <strong>{stream.nickname}</strong> — {t(`staff.live.${stream.media}`)} ·{' '}
                {stream.roomName ?? t('staff.live.call')} ·{' '}
                {t('staff.live.since', {
                  time: formatMoment(stream.startedAt, i18n.language),
                })}
                {stream.media === 'cam' && <> · {t('staff.live.viewers', { count: stream.viewers })}</>}
              </p>
              <button
                type="button"
                className="small danger"
                data-testid="live-end"
                onClick={() => void end(stream)}
              >
                {t('staff.live.end')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
