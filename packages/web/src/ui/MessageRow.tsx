import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '@salon/protocol';
import type { PendingMessage } from '../chat/roomState.js';
import { mentions } from '../chat/textParts.js';
import { formatMessageTime } from './format.js';
import { MediaView } from './MediaView.js';
import { MessageText } from './MessageText.js';
import { useReport } from './reportContext.js';

interface MessageProps {
  message: ChatMessage;
  myUserId: string;
  myNickname: string;
}

export const MessageRow = memo(function MessageRow({ message, myUserId, myNickname }: MessageProps) {
  const { t, i18n } = useTranslation();
  const openReport = useReport();
  const mine = message.authorId === myUserId;
  const mentioned = !mine && mentions(message.text, myNickname);
  const classes = ['message', mine ? 'message-mine' : '', mentioned ? 'message-mentioned' : ''].filter(
    Boolean,
  );
  return (
    <div className={classes.join(' ')} data-testid="message" data-seq={message.seq}>
      <div className="message-meta">
        <span className="message-nick">{message.nickname}</span>
        <time className="message-time" dateTime={new Date(message.at).toISOString()}>
          {formatMessageTime(message.at, i18n.language)}
        </time>
        {mentioned && <span className="sr-only">{t('message.mentionsYou')}</span>}
        {!mine && openReport && (
          <button
            type="button"
            className="message-report"
            data-testid="message-report"
            aria-label={t(message.media ? 'report.media' : 'report.message', { name: message.nickname })}
            title={t(message.media ? 'report.media' : 'report.message', { name: message.nickname })}
            onClick={() =>
              // T1: a message with a file is reported as the file (its report covers the message).
              openReport({
                target: message.media
                  ? { kind: 'media', mediaId: message.media.id }
                  : { kind: 'message', roomId: message.roomId, seq: message.seq },
                subject: t(message.media ? 'report.subject.media' : 'report.subject.message', {
                  name: message.nickname,
                }),
                excerpt: message.text,
              })
            }
          >
            <span aria-hidden="true">⚑</span> {t('report.button')}
          </button>
        )}
      </div>
      {message.media && <MediaView media={message.media} author={message.nickname} />}
      {(!message.media || message.text !== '') && (
        <p className="message-text" data-testid="message-text">
          <MessageText text={message.text} myNickname={myNickname} />
        </p>
      )}
    </div>
  );
});

interface PendingProps {
  pending: PendingMessage;
  myNickname: string;
  onRetry: (cid: string) => void;
  onDiscard: (cid: string) => void;
}

/** A message not acknowledged yet (R7): "sending…", or failed with the reason and a retry. */
export const PendingRow = memo(function PendingRow({
  pending,
  myNickname,
  onRetry,
  onDiscard,
}: PendingProps) {
  const { t } = useTranslation();
  const reason = pending.error ? t(`errors.${pending.error}`, { defaultValue: t('errors.UNKNOWN') }) : '';
  return (
    <div
      className="message message-mine message-pending"
      data-testid="message-pending"
      data-status={pending.status}
    >
      <div className="message-meta">
        <span className="message-nick">{myNickname}</span>
        <span className="message-time">{pending.status === 'sending' ? t('message.sending') : ''}</span>
      </div>
      {pending.media && <MediaView media={pending.media} author={myNickname} />}
      {(!pending.media || pending.text !== '') && (
        <p className="message-text" data-testid="message-text">
          <MessageText text={pending.text} />
        </p>
      )}
      {pending.status === 'failed' && (
        <div className="message-failed">
          <span>{t('message.failed', { reason })}</span>
          <button type="button" className="small" onClick={() => onRetry(pending.cid)}>
            {t('message.retry')}
          </button>
          <button type="button" className="small" onClick={() => onDiscard(pending.cid)}>
            {t('message.discard')}
          </button>
        </div>
      )}
    </div>
  );
});
