import type { IceServer } from '@salon/protocol';

/** How long a browser waits for its own candidates before sending its SDP (the rest trickle). */
export const GATHER_WAIT_MS = 1500;

/**
 * A connection to the media server. V3: only TURN relays are given as ICE servers, never STUN,
 * and the other side is always the media server, so no other user's address ever reaches here.
 */
export function mediaConnection(iceServers: readonly IceServer[]): RTCPeerConnection {
  return new RTCPeerConnection({
    iceServers: iceServers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential })),
    bundlePolicy: 'max-bundle',
    rtcpMuxPolicy: 'require',
  });
}

/** Resolves once the browser has gathered its candidates, or after `ms`. */
export function gathered(pc: RTCPeerConnection, ms = GATHER_WAIT_MS): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const timer = setTimeout(done, ms);
    pc.addEventListener('icegatheringstatechange', check);
  });
}

/** The local SDP once candidates are gathered (or the wait is over). */
export async function localSdp(pc: RTCPeerConnection): Promise<string> {
  await gathered(pc);
  const sdp = pc.localDescription?.sdp;
  if (!sdp) throw new Error('no local description');
  return sdp;
}
