import { useEffect, useRef } from 'react';

interface Props {
  stream: MediaStream | null;
  /** My own preview: no echo. */
  muted?: boolean;
  label: string;
  testId: string;
}

/** A camera, mine or watched; the stream comes from the live client, never from a URL. */
export function LiveVideo({ stream, muted = false, label, testId }: Props) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (video && video.srcObject !== stream) video.srcObject = stream;
  }, [stream]);
  return (
    <video
      ref={ref}
      className="live-video"
      autoPlay
      playsInline
      muted={muted}
      aria-label={label}
      data-testid={testId}
    />
  );
}

/** The mixed sound of a voice room. */
export function LiveAudio({ stream, testId }: { stream: MediaStream | null; testId: string }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const audio = ref.current;
    if (audio && audio.srcObject !== stream) audio.srcObject = stream;
  }, [stream]);
  return <audio ref={ref} autoPlay data-testid={testId} />;
}
