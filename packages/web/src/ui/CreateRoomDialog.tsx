import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@salon/protocol';
import type { ActionError } from '../chat/client.js';
import { useChatClient } from './chatContext.js';
import { Dialog } from './Dialog.js';

/** R2: name (and topic) of a new private room; I become its owner and am taken into it. */
export function CreateRoomDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const client = useChatClient();
  const [name, setName] = useState('');
  const [topic, setTopic] = useState('');
  const [voice, setVoice] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const refused = await client.createRoom(name, topic, voice);
    setBusy(false);
    if (refused === null) {
      onClose();
      onCreated();
    } else setError(refused);
  }

  return (
    <Dialog title={t('createRoom.title')} onClose={onClose} testId="create-room-dialog">
      {({ descriptionId }) => (
        <form className="dialog-form" noValidate onSubmit={(e) => void submit(e)}>
          <p id={descriptionId} className="muted">
            {t('createRoom.intro')}
          </p>
          <div className="field">
            <label htmlFor="create-room-name">{t('createRoom.name')}</label>
            <input
              id="create-room-name"
              data-testid="create-room-name"
              data-autofocus
              autoComplete="off"
              maxLength={LIMITS.roomNameMax * 2}
              required
              value={name}
              aria-invalid={error === 'NAME_INVALID' || error === 'NAME_FORBIDDEN'}
              aria-describedby="create-room-name-help"
              onChange={(e) => {
                setName(e.target.value);
                setError(null);
              }}
            />
            <p id="create-room-name-help" className="help">
              {t('createRoom.nameHelp')}
            </p>
          </div>
          <div className="field">
            <label htmlFor="create-room-topic">{t('createRoom.topic')}</label>
            <input
              id="create-room-topic"
              data-testid="create-room-topic"
              autoComplete="off"
              maxLength={LIMITS.maxTopicChars}
              value={topic}
              onChange={(e) => setTopic(e.target.value)}
            />
          </div>
          <div className="field field-check">
            <label>
              <input
                type="checkbox"
                data-testid="create-room-voice"
                checked={voice}
                onChange={(e) => setVoice(e.target.checked)}
              />{' '}
              {t('createRoom.voice')}
            </label>
          </div>
          {error && (
            <p role="alert" className="error" data-testid="create-room-error">
              {t(`errors.${error}`, { defaultValue: t('errors.UNKNOWN') })}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              {t('createRoom.cancel')}
            </button>
            <button type="submit" className="primary" data-testid="create-room-submit" disabled={busy}>
              {busy ? t('createRoom.submitting') : t('createRoom.submit')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
