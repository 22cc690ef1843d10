import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';

/** Chromium flags for live media inside the namespace (fake camera and microphone, no prompt). */
export const LIVE_FLAGS = [
  '--allow-loopback-in-peer-connection',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

/** One browser per person: a background tab's capture is throttled. */
export function launchIn(executablePath: string, extraArgs: readonly string[] = []): Promise<Browser> {
  return launchBrowser([...LIVE_FLAGS, ...extraArgs], executablePath);
}

/** What a page's WebRTC connections saw: set up by `recordRtc` before the page loads. */
export interface RtcRecord {
  /** Every SDP the page set as remote description. */
  remoteSdps: string[];
  /** Every candidate the page added from the network. */
  remoteCandidates: string[];
  /** Every candidate the page gathered itself. */
  localCandidates: string[];
}

/**
 * Wraps RTCPeerConnection in the page (test instrumentation, not part of Salon): keeps every
 * connection for stats and records remote SDPs and candidates, and local candidates.
 */
export async function recordRtc(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as {
      __pcs: RTCPeerConnection[];
      __rtc: { remoteSdps: string[]; remoteCandidates: string[]; localCandidates: string[] };
      RTCPeerConnection: typeof RTCPeerConnection;
    };
    w.__pcs = [];
    w.__rtc = { remoteSdps: [], remoteCandidates: [], localCandidates: [] };
    const Original = window.RTCPeerConnection;
    class Recorded extends Original {
      constructor(config?: RTCConfiguration) {
        super(config);
        w.__pcs.push(this);
        this.addEventListener('icecandidate', (event) => {
          if (event.candidate?.candidate) w.__rtc.localCandidates.push(event.candidate.candidate);
        });
      }
      override setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
        if (description.sdp) w.__rtc.remoteSdps.push(description.sdp);
        return super.setRemoteDescription(description);
      }
      override addIceCandidate(candidate?: RTCIceCandidateInit | null): Promise<void> {
        if (candidate?.candidate) w.__rtc.remoteCandidates.push(candidate.candidate);
        return super.addIceCandidate(candidate ?? undefined);
      }
    }
    w.RTCPeerConnection = Recorded;
  });
}

export function rtcRecord(page: Page): Promise<RtcRecord> {
  return page.evaluate(() => (window as unknown as { __rtc: RtcRecord }).__rtc);
}

/** Media received now, summed over the page's open connections. */
export interface Received {
  framesDecoded: number;
  videoPackets: number;
  audioPackets: number;
  audioEnergy: number;
}

export function received(page: Page): Promise<Received> {
  return page.evaluate(async () => {
    const out = { framesDecoded: 0, videoPackets: 0, audioPackets: 0, audioEnergy: 0 };
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((report: Record<string, unknown>) => {
        if (report.type !== 'inbound-rtp') return;
        if (report.kind === 'video') {
          out.framesDecoded += Number(report.framesDecoded ?? 0);
          out.videoPackets += Number(report.packetsReceived ?? 0);
        } else if (report.kind === 'audio') {
          out.audioPackets += Number(report.packetsReceived ?? 0);
          out.audioEnergy += Number(report.totalAudioEnergy ?? 0);
        }
      });
    }
    return out;
  });
}

/** The `<video>` with this test id has a picture: its width and decoded frame count. */
export function videoState(page: Page, testId: string): Promise<{ width: number; frames: number } | null> {
  return page.evaluate((id) => {
    const video = document.querySelector<HTMLVideoElement>(`[data-testid="${id}"]`);
    if (!video) return null;
    return { width: video.videoWidth, frames: video.getVideoPlaybackQuality().totalVideoFrames };
  }, testId);
}

/** Frames the WebSocket brought to the page, parsed (every live signalling message passes here). */
export function recordFrames(page: Page): unknown[] {
  const frames: unknown[] = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => {
      if (typeof frame.payload !== 'string') return;
      try {
        frames.push(JSON.parse(frame.payload));
      } catch {
        // not JSON
      }
    });
  });
  return frames;
}

/**
 * A WAV file of a continuous tone: Chromium's fake microphone plays it (in a loop) instead of its
 * short beeps, so the speaker's level stays above the speaking threshold.
 */
export function toneWav(seconds = 2, hz = 440, rate = 48_000): Buffer {
  const samples = seconds * rate;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i += 1) {
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 16_000), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
