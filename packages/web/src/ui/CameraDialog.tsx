import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog.js';
import { ModalPortal } from './modal.js';

type Phase = 'starting' | 'live' | 'taken' | 'denied' | 'missing' | 'unsupported' | 'failed';
type Problem = Extract<Phase, 'denied' | 'missing' | 'unsupported' | 'failed'>;

/** JPEG quality of a webcam photo. */
const QUALITY = 0.9;

function stopTracks(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** Why the camera could not be opened, from the error `getUserMedia` gave. */
function cameraProblem(error: unknown): Problem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError')
    return 'missing';
  return 'failed';
}

interface Props {
  onClose: () => void;
  /** The photo taken, as a JPEG: it goes through the same upload as a picked file (M3). */
  onPhoto: (photo: Blob) => void;
}

/**
 * M3: a photo from the webcam: a live preview, then the frame taken to send, take again or
 * drop. The camera is turned off as soon as the dialog closes.
 */
export function CameraDialog({ onClose, onPhoto }: Props) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>('starting');
  const stream = useRef<MediaStream | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  /** "Take the photo", then "Send". */
  const next = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    if (!devices?.getUserMedia) {
      setPhase('unsupported');
      return;
    }
    let closed = false;
    devices.getUserMedia({ video: true, audio: false }).then(
      (opened) => {
        if (closed) {
          stopTracks(opened);
          return;
        }
        stream.current = opened;
        setPhase('live');
      },
      (error: unknown) => {
        if (!closed) setPhase(cameraProblem(error));
      },
    );
    return () => {
      closed = true;
      stopTracks(stream.current);
      stream.current = null;
    };
  }, []);

  // The live picture (again after "Retake"); the next step's button gets the focus.
  useEffect(() => {
    if (phase === 'taken') next.current?.focus();
    const element = video.current;
    if (phase !== 'live' || !element) return;
    element.srcObject = stream.current;
    next.current?.focus();
    // Autoplay does the same; a refusal to play leaves the preview still, nothing worse.
    Promise.resolve()
      .then(() => element.play())
      .catch(() => undefined);
  }, [phase]);

  function capture() {
    const source = video.current;
    const target = canvas.current;
    if (!source || !target) return;
    target.width = source.videoWidth || 640;
    target.height = source.videoHeight || 480;
    target.getContext('2d')?.drawImage(source, 0, 0, target.width, target.height);
    setPhase('taken');
  }

  function send() {
    const target = canvas.current;
    if (!target) return;
    target.toBlob(
      (blob) => {
        if (!blob) {
          setPhase('failed');
          return;
        }
        onPhoto(blob);
        onClose();
      },
      'image/jpeg',
      QUALITY,
    );
  }

  const problem = phase === 'denied' || phase === 'missing' || phase === 'unsupported' || phase === 'failed';
  return (
    <ModalPortal>
      <Dialog title={t('camera.title')} onClose={onClose} testId="camera-dialog" className="dialog-camera">
        {({ descriptionId }) => (
          <div id={descriptionId} className="camera" data-phase={phase}>
            {phase === 'starting' && (
              <p role="status" className="muted">
                {t('camera.starting')}
              </p>
            )}
            {problem && (
              <p role="alert" className="error" data-testid="camera-error" data-problem={phase}>
                {t(`camera.${phase}`)}
              </p>
            )}
            {phase === 'live' && (
              <video
                ref={video}
                className="camera-view"
                data-testid="camera-video"
                aria-label={t('camera.live')}
                autoPlay
                muted
                playsInline
              />
            )}
            <canvas
              ref={canvas}
              className="camera-view"
              data-testid="camera-preview"
              role="img"
              aria-label={t('camera.preview')}
              hidden={phase !== 'taken'}
            />
            <div className="dialog-actions">
              {phase === 'live' && (
                <button
                  ref={next}
                  type="button"
                  className="primary"
                  data-testid="camera-capture"
                  onClick={capture}
                >
                  {t('camera.capture')}
                </button>
              )}
              {phase === 'taken' && (
                <>
                  <button type="button" data-testid="camera-retake" onClick={() => setPhase('live')}>
                    {t('camera.retake')}
                  </button>
                  <button
                    ref={next}
                    type="button"
                    className="primary"
                    data-testid="camera-send"
                    onClick={send}
                  >
                    {t('camera.send')}
                  </button>
                </>
              )}
              <button type="button" data-testid="camera-cancel" onClick={onClose}>
                {t('camera.cancel')}
              </button>
            </div>
          </div>
        )}
      </Dialog>
    </ModalPortal>
  );
}
