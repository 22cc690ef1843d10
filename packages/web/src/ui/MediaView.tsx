import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assertNever } from '@salon/protocol';
import type { MediaRef } from '@salon/protocol';
import { Dialog } from './Dialog.js';
import { useHideExplicit } from './mediaPrefs.js';
import { ModalPortal } from './modal.js';

/** Largest size a photo or video preview takes in the message list, in CSS pixels. */
const PREVIEW_MAX = { width: 320, height: 240 };

/** Explicit files revealed on this page (by media id): they stay revealed when scrolled back to. */
const revealed = new Set<string>();

/**
 * M4: a media URL is used only when it is a path on this site (served to members only); anything
 * else (another site, `javascript:`, `data:`) is not loaded at all.
 */
export function sameOriginPath(url: string | null): string | null {
  return url !== null && /^\/(?![/\\])/.test(url) ? url : null;
}

/** Width and height for the preview, from the file's own size: the list does not jump as it loads. */
export function previewSize(media: MediaRef): { width: number; height: number } | null {
  if (!media.width || !media.height) return null;
  const scale = Math.min(1, PREVIEW_MAX.width / media.width, PREVIEW_MAX.height / media.height);
  return {
    width: Math.max(1, Math.round(media.width * scale)),
    height: Math.max(1, Math.round(media.height * scale)),
  };
}

interface Props {
  media: MediaRef;
  /** Who sent it (for the text alternatives). */
  author: string;
}

/**
 * M1, S2: a photo, video or sound in a message. Explicit files are blurred until the viewer
 * clicks (the full file is not loaded before), or left out entirely if they chose so.
 */
export function MediaView({ media, author }: Props) {
  const { t } = useTranslation();
  const hideExplicit = useHideExplicit();
  const [shown, setShown] = useState(() => revealed.has(media.id));
  const [viewing, setViewing] = useState(false);

  if (media.explicit && hideExplicit) {
    return (
      <p className="media-hidden" data-testid="media-hidden" data-explicit="hidden">
        {t('media.explicitHidden')}
      </p>
    );
  }
  const url = sameOriginPath(media.url);
  const thumb = sameOriginPath(media.thumbUrl);
  if (url === null) return <p className="media-hidden">{t('media.missing')}</p>;

  const blurred = media.explicit && !shown;
  const size = previewSize(media);
  const name = author;
  const reveal = () => {
    revealed.add(media.id);
    setShown(true);
  };
  const common = {
    className: `media media-${media.kind}`,
    'data-testid': 'media',
    'data-kind': media.kind,
    ...(media.explicit ? { 'data-explicit': blurred ? 'blurred' : 'revealed' } : {}),
  };

  if (blurred) {
    return (
      <div {...common}>
        <div className="media-frame media-blurred">
          {thumb !== null ? (
            <img
              className="media-thumb"
              src={thumb}
              alt=""
              width={size?.width}
              height={size?.height}
              loading="lazy"
              decoding="async"
            />
          ) : (
            <span className="media-placeholder" />
          )}
        </div>
        <button type="button" className="media-reveal" data-testid="media-reveal" onClick={reveal}>
          {t('media.explicit')}
        </button>
      </div>
    );
  }

  switch (media.kind) {
    case 'image':
      return (
        <div {...common}>
          <button
            type="button"
            className="media-open"
            data-testid="media-open"
            aria-label={t('media.open', { name })}
            onClick={() => setViewing(true)}
          >
            <img
              className="media-thumb"
              data-testid="media-thumb"
              src={thumb ?? url}
              alt={t('media.imageAlt', { name })}
              width={size?.width}
              height={size?.height}
              loading="lazy"
              decoding="async"
            />
          </button>
          {viewing && (
            <ModalPortal>
              <Dialog
                title={t('media.viewer', { name })}
                onClose={() => setViewing(false)}
                testId="media-viewer"
                className="dialog-media"
              >
                {({ descriptionId }) => (
                  <div id={descriptionId} className="media-viewer">
                    <img
                      className="media-full"
                      data-testid="media-full"
                      src={url}
                      alt={t('media.imageAlt', { name })}
                      width={media.width ?? undefined}
                      height={media.height ?? undefined}
                    />
                    <div className="dialog-actions">
                      <button type="button" data-autofocus onClick={() => setViewing(false)}>
                        {t('media.close')}
                      </button>
                    </div>
                  </div>
                )}
              </Dialog>
            </ModalPortal>
          )}
        </div>
      );
    case 'video':
      return (
        <div {...common}>
          <video
            className="media-video"
            data-testid="media-video"
            controls
            preload="metadata"
            poster={thumb ?? undefined}
            src={url}
            width={size?.width}
            height={size?.height}
            aria-label={t('media.video', { name })}
          />
        </div>
      );
    case 'audio':
      return (
        <div {...common}>
          <audio
            className="media-audio"
            data-testid="media-audio"
            controls
            preload="metadata"
            src={url}
            aria-label={t('media.audio', { name })}
          />
        </div>
      );
    default:
      return assertNever(media.kind, 'media kind');
  }
}
