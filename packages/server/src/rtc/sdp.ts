import { isIP } from 'node:net';
import { SalonError } from '../errors.js';
import type { IceCandidate } from './media-server.js';

/** The parts of an ICE candidate line that matter here (RFC 8839 grammar). */
export interface ParsedCandidate {
  address: string;
  port: number;
  protocol: 'udp' | 'tcp';
  type: 'host' | 'srflx' | 'prflx' | 'relay';
}

const CANDIDATE =
  /^(?:a=)?candidate:[A-Za-z0-9+/]{1,32} \d{1,3} (udp|tcp) \d{1,10} ([0-9A-Fa-f.:]{2,45}|[A-Za-z0-9-]{1,63}\.local) (\d{1,5}) typ (host|srflx|prflx|relay)(?: [ -~]*)?$/i;

/** Parses one candidate line; null when it does not follow the grammar. */
export function parseCandidate(line: string): ParsedCandidate | null {
  const match = CANDIDATE.exec(line.trim());
  if (!match) return null;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return null;
  const address = match[2]!;
  if (!address.endsWith('.local') && isIP(address) === 0) return null;
  return {
    protocol: match[1]!.toLowerCase() as 'udp' | 'tcp',
    address,
    port,
    type: match[4]!.toLowerCase() as ParsedCandidate['type'],
  };
}

const invalid = (what: string) => new SalonError('RTC_INVALID', `Invalid ${what}.`);

/**
 * V3: a candidate a browser sends for one of its own streams. It is passed to the media server
 * only, never to another user; anything that is not a well-formed candidate is refused.
 */
export function checkClientCandidate(candidate: IceCandidate | null): IceCandidate | null {
  if (candidate === null || candidate.candidate === '') return null;
  if (!parseCandidate(candidate.candidate)) throw invalid('ICE candidate');
  const hasMid = typeof candidate.sdpMid === 'string' || typeof candidate.sdpMLineIndex === 'number';
  if (!hasMid) throw invalid('ICE candidate (no sdpMid or sdpMLineIndex)');
  return {
    candidate: candidate.candidate.replace(/^a=/, ''),
    ...(candidate.sdpMid !== undefined && candidate.sdpMid !== null ? { sdpMid: candidate.sdpMid } : {}),
    ...(typeof candidate.sdpMLineIndex === 'number' ? { sdpMLineIndex: candidate.sdpMLineIndex } : {}),
  };
}

/** An SDP from a browser: it must parse as an SDP and each candidate line in it as a candidate. */
export function checkClientSdp(sdp: string): string {
  if (!sdp.startsWith('v=0')) throw invalid('SDP');
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('a=candidate:') && !parseCandidate(line)) throw invalid('SDP candidate');
  }
  return sdp;
}

/**
 * V3: an SDP from the media server, before it reaches a browser: candidate lines whose address
 * is not one of the media server's (`allowed`) and that are not relays are dropped, so a browser
 * can only ever be told to connect to the media server or a TURN relay.
 */
export function mediaServerSdp(sdp: string, allowed: ((address: string) => boolean) | null): string {
  const lines = sdp.split('\r\n');
  const kept = lines.filter((line) => {
    if (!line.startsWith('a=candidate:')) return true;
    const parsed = parseCandidate(line);
    if (!parsed) return false;
    if (parsed.type === 'relay') return true;
    return allowed === null || allowed(parsed.address);
  });
  return kept.join('\r\n');
}
