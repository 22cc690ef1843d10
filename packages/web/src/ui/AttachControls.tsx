import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { MEDIA_KINDS } from '@salon/protocol';
import type { MediaOptions } from '@salon/protocol';
import { acceptFor, enabledKinds, unavailableKinds } from '../chat/attach.js';
import type { AttachProblem } from '../chat/attach.js';
import { CameraDialog } from './CameraDialog.js';
import { useChatClient, useChatState } from './chatContext.js';
import { formatBytes } from './format.js';
import { CameraIcon, PaperclipIcon } from './icons.js';

/** A file to send: its bytes and the name shown while it uploads. */
export interface PickedFile {
  file: Blob;
  name: string;
}

/** Name given to a webcam photo (M3). */
export const PHOTO_NAME = 'photo.jpg';

function size(t: TFunction, bytes: number, language: string, up = false): string {
  const { unit, value } = formatBytes(bytes, language, up);
  return t(`media.${unit}`, { value });
}

/** The sentence telling why a file was not sent before its upload (M1). */
export function describeAttachProblem(t: TFunction, problem: AttachProblem, language: string): string {
  switch (problem.code) {
    case 'MEDIA_TOO_LARGE':
      return t(`media.tooLarge.${problem.kind ?? 'file'}`, {
        name: problem.name,
        size: size(t, problem.size, language, true),
        max: size(t, problem.maxBytes, language),
      });
    case 'MEDIA_UNAVAILABLE':
      return t(`media.kindUnavailable.${problem.kind}`, { name: problem.name });
    case 'OPTIONS_UNKNOWN':
      return t('media.optionsUnknown');
    case 'TEXT_TOO_LONG':
      return t('errors.TEXT_TOO_LONG');
  }
}

/** What this server cannot take (video and audio without ffmpeg); null when it takes everything. */
export function unavailableNote(t: TFunction, options: MediaOptions): string | null {
  const off = unavailableKinds(options);
  if (off.length === 0) return null;
  if (off.length === MEDIA_KINDS.length) return t('media.unavailable.all');
  if (off.length === 2 && !off.includes('image')) return t('media.unavailable.both');
  return off.map((kind) => t(`media.unavailable.${kind}`)).join(' ');
}

interface Props {
  /** Files picked, or the webcam photo: uploaded and sent with the composer's text. */
  onFiles: (files: PickedFile[]) => void;
  /** Id of the line saying which kinds the server cannot take, when shown. */
  noteId?: string;
}

/** M1, M3: "Attach a file" (a file picker) and "Take a photo" (the webcam), in the composer. */
export function AttachControls({ onFiles, noteId }: Props) {
  const { t } = useTranslation();
  const client = useChatClient();
  const options = useChatState((s) => s.mediaOptions);
  const input = useRef<HTMLInputElement>(null);
  const [camera, setCamera] = useState(false);

  useEffect(() => {
    void client.loadMediaOptions();
  }, [client]);

  if (!options || enabledKinds(options).length === 0) return null;
  const imagesOn = options.kinds.image.enabled;
  return (
    <div className="composer-tools">
      <button
        type="button"
        className="icon-button composer-tool"
        data-testid="attach-button"
        aria-label={t('media.attach')}
        aria-describedby={noteId}
        title={t('media.attach')}
        onClick={() => input.current?.click()}
      >
        <PaperclipIcon />
      </button>
      <input
        ref={input}
        type="file"
        hidden
        tabIndex={-1}
        multiple
        data-testid="attach-input"
        accept={acceptFor(options)}
        onChange={(event) => {
          const picked = [...(event.target.files ?? [])].map((file) => ({ file, name: file.name }));
          // The same file can be picked again.
          event.target.value = '';
          if (picked.length > 0) onFiles(picked);
        }}
      />
      {imagesOn && (
        <button
          type="button"
          className="icon-button composer-tool"
          data-testid="camera-open"
          aria-label={t('camera.open')}
          title={t('camera.open')}
          onClick={() => setCamera(true)}
        >
          <CameraIcon />
        </button>
      )}
      {camera && (
        <CameraDialog
          onClose={() => setCamera(false)}
          onPhoto={(photo) => onFiles([{ file: photo, name: PHOTO_NAME }])}
        />
      )}
    </div>
  );
}
