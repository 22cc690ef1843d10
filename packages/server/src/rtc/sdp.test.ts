import { describe, expect, it } from 'vitest';
import { SalonError } from '../errors.js';
import { checkClientCandidate, checkClientSdp, mediaServerSdp, parseCandidate } from './sdp.js';

const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof SalonError ? error.code : 'other';
  }
  return null;
};

describe('ICE candidates and SDP (V3)', () => {
  it('parses host, server-reflexive and relay candidates, IPv4, IPv6 and mDNS', () => {
    expect(
      parseCandidate(
        'candidate:842163049 1 udp 1677729535 203.0.113.7 61665 typ srflx raddr 0.0.0.0 rport 0 generation 0',
      ),
    ).toEqual({
      protocol: 'udp',
      address: '203.0.113.7',
      port: 61665,
      type: 'srflx',
    });
    expect(parseCandidate('a=candidate:1 1 UDP 2015363327 2001:db8::1 20072 typ host')?.address).toBe(
      '2001:db8::1',
    );
    expect(
      parseCandidate('candidate:2 1 tcp 1518280447 198.51.100.4 9 typ host tcptype active')?.protocol,
    ).toBe('tcp');
    expect(
      parseCandidate('candidate:3 1 udp 41885439 192.0.2.9 50000 typ relay raddr 10.0.0.2 rport 5000')?.type,
    ).toBe('relay');
    expect(
      parseCandidate('candidate:4 1 udp 2122260223 4b9a1c3e-1111-2222-3333-444455556666.local 54321 typ host')
        ?.address,
    ).toMatch(/\.local$/);
  });

  it('refuses what is not a candidate: bad address, port, type, or anything else', () => {
    for (const bad of [
      '',
      'candidate:1 1 udp 1 999.0.0.1 5000 typ host',
      'candidate:1 1 udp 1 10.0.0.1 0 typ host',
      'candidate:1 1 udp 1 10.0.0.1 70000 typ host',
      'candidate:1 1 udp 1 10.0.0.1 5000 typ peer',
      'candidate:1 1 sctp 1 10.0.0.1 5000 typ host',
      'candidate:1 1 udp 1 evil.example.com 5000 typ host',
      'candidate:1 1 udp 1 10.0.0.1 5000 typ host\r\na=inject',
      '<img src=x>',
    ]) {
      expect(parseCandidate(bad), bad).toBeNull();
    }
  });

  it('a browser candidate needs its media line; an empty one means gathering is over', () => {
    const line = 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host';
    expect(checkClientCandidate({ candidate: line, sdpMid: '0' })).toEqual({ candidate: line, sdpMid: '0' });
    expect(checkClientCandidate({ candidate: `a=${line}`, sdpMLineIndex: 1 })).toEqual({
      candidate: line,
      sdpMLineIndex: 1,
    });
    expect(code(() => checkClientCandidate({ candidate: line }))).toBe('RTC_INVALID');
    expect(code(() => checkClientCandidate({ candidate: 'garbage', sdpMid: '0' }))).toBe('RTC_INVALID');
    expect(checkClientCandidate(null)).toBeNull();
    expect(checkClientCandidate({ candidate: '', sdpMid: '0' })).toBeNull();
  });

  it('a browser SDP must be an SDP whose candidate lines are candidates', () => {
    expect(code(() => checkClientSdp('hello'))).toBe('RTC_INVALID');
    expect(code(() => checkClientSdp('v=0\r\na=candidate:oops\r\n'))).toBe('RTC_INVALID');
    expect(checkClientSdp('v=0\r\na=candidate:1 1 udp 1 10.0.0.1 5000 typ host\r\n')).toContain('v=0');
  });

  it('an SDP of the media server reaches a browser with only its own addresses and relays', () => {
    const sdp = [
      'v=0',
      'm=video 9 UDP/TLS/RTP/SAVPF 96',
      'a=candidate:1 1 udp 2015363327 198.51.100.10 20001 typ host',
      'a=candidate:2 1 udp 2015363327 10.0.0.7 20002 typ host',
      'a=candidate:3 1 udp 1677729535 203.0.113.50 40000 typ srflx raddr 10.0.0.8 rport 5',
      'a=candidate:4 1 udp 41885439 192.0.2.99 50000 typ relay raddr 10.0.0.2 rport 5000',
      'a=candidate:broken',
      'a=end-of-candidates',
      '',
    ].join('\r\n');
    const kept = mediaServerSdp(sdp, (address) => address === '198.51.100.10');
    expect(kept.split('\r\n').filter((l) => l.startsWith('a=candidate'))).toEqual([
      'a=candidate:1 1 udp 2015363327 198.51.100.10 20001 typ host',
      'a=candidate:4 1 udp 41885439 192.0.2.99 50000 typ relay raddr 10.0.0.2 rport 5000',
    ]);
    expect(kept).toContain('a=end-of-candidates');
    // Without a list, the media server's candidates pass (malformed lines still do not).
    expect(mediaServerSdp(sdp, null).split('a=candidate').length - 1).toBe(4);
  });
});
