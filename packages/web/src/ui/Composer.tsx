import { useId, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@salon/protocol';
import type { ErrorCode } from '@salon/protocol';
import { enabledKinds } from '../chat/attach.js';
import type { AttachProblem } from '../chat/attach.js';
import { containsLink, inRequestMode, requestLeft } from '../chat/conversations.js';
import { messageLength } from '../chat/validate.js';
import { AttachControls, describeAttachProblem, unavailableNote } from './AttachControls.js';
import type { PickedFile } from './AttachControls.js';
import { useChatClient, useChatState } from './chatContext.js';
import { UploadList } from './UploadList.js';

/** Shown when this few characters are left (R5: 2,000 at most). */
const COUNTER_FROM = 200;

export function Composer({ roomId, name }: { roomId: string; name: string }) {
  const { t, i18n } = useTranslation();
  const client = useChatClient();
  const [text, setText] = useState('');
  const [error, setError] = useState<ErrorCode | null>(null);
  const [attachProblem, setAttachProblem] = useState<AttachProblem | null>(null);
  const id = useId();
  // P1: while the conversation is a request: text only, and only a few messages.
  const left = useChatState((s) => (inRequestMode(s, roomId) ? requestLeft(s, roomId) : null));
  // M1: files in rooms and accepted conversations, never in a request.
  const canAttach = left === null;
  const mediaOptions = useChatState((s) => s.mediaOptions);
  const note = canAttach && mediaOptions ? unavailableNote(t, mediaOptions) : null;
  const withTools = canAttach && mediaOptions !== null && enabledKinds(mediaOptions).length > 0;
  const length = messageLength(text.trim());
  const remaining = LIMITS.maxMessageChars - length;
  const hasLink = left !== null && containsLink(text);
  const canSend = length > 0 && remaining >= 0 && !hasLink && left !== 0;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    const refused = client.send(roomId, text);
    setError(refused);
    if (refused === null) setText('');
  }

  /** M1, M3: uploads the files, then sends them; the text typed so far goes with the first. */
  function attach(files: PickedFile[]) {
    let caption = text;
    let problem: AttachProblem | null = null;
    for (const { file, name: fileName } of files) {
      const refused = client.attach(roomId, file, caption, fileName);
      if (refused) problem = refused;
      else caption = '';
    }
    setAttachProblem(problem);
    if (caption === '' && text !== '') {
      setText('');
      setError(null);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <>
      {canAttach && <UploadList roomId={roomId} />}
      <form className={withTools ? 'composer composer-with-tools' : 'composer'} onSubmit={submit}>
        {canAttach && <AttachControls onFiles={attach} noteId={note ? `${id}-media` : undefined} />}
        <label htmlFor={`${id}-input`} className="sr-only">
          {t('composer.label', { name })}
        </label>
        <textarea
          id={`${id}-input`}
          data-testid="composer-input"
          className="composer-input"
          rows={1}
          value={text}
          placeholder={t('composer.placeholder')}
          aria-describedby={`${id}-hint ${id}-counter`}
          aria-invalid={remaining < 0}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
            setAttachProblem(null);
            if (event.target.value.trim() !== '') client.typing(roomId);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="primary" data-testid="composer-send" disabled={!canSend}>
          {t('composer.send')}
        </button>
        <p className="composer-footer">
          <span id={`${id}-hint`} className="composer-hint">
            {t('composer.hint')}
          </span>
          <span
            id={`${id}-counter`}
            className={remaining < 0 ? 'counter counter-over' : 'counter'}
            aria-live="polite"
          >
            {remaining < 0
              ? t('composer.over', { count: -remaining })
              : remaining <= COUNTER_FROM
                ? t('composer.remaining', { count: remaining })
                : ''}
          </span>
        </p>
        {left !== null && (
          <p className="composer-request" data-testid="request-left" aria-live="polite">
            {left === 0 ? t('dm.requestNone', { name }) : t('dm.requestLeft', { count: left, name })}
          </p>
        )}
        {hasLink && (
          <p role="alert" className="composer-error" data-testid="request-text-only">
            {t('dm.textOnly')}
          </p>
        )}
        {note && (
          <p id={`${id}-media`} className="composer-media-note" data-testid="media-unavailable">
            {note}
          </p>
        )}
        {error && (
          <p role="alert" className="composer-error">
            {t(`errors.${error}`)}
          </p>
        )}
        {attachProblem && (
          <p
            role="alert"
            className="composer-error"
            data-testid="attach-error"
            data-code={attachProblem.code}
          >
            {describeAttachProblem(t, attachProblem, i18n.language)}
          </p>
        )}
      </form>
    </>
  );
}
