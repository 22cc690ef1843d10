/**
 * SDP offers as Chromium writes them (trimmed to one audio and one video codec), for tests that
 * drive the media server without a browser. ICE never completes with these: they test signalling.
 */
export function browserOffer(
  options: { video?: boolean; direction?: 'sendonly' | 'sendrecv'; candidate?: string } = {},
): string {
  const { video = true, direction = 'sendonly', candidate } = options;
  const common = [
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    ...(candidate ? [`a=${candidate}`] : []),
    'a=ice-ufrag:P+0z',
    'a=ice-pwd:pfauxag9p/rVLVWK/r+2ukec',
    'a=ice-options:trickle',
    'a=fingerprint:sha-256 22:25:F9:D7:A2:5F:63:B3:81:CC:E2:68:D2:94:E2:3B:75:1E:DF:36:7C:B1:3A:7B:F7:66:E9:11:0E:BA:0F:EF',
    'a=setup:actpass',
  ];
  const lines = [
    'v=0',
    'o=- 6463926810998329882 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    `a=group:BUNDLE 0${video ? ' 1' : ''}`,
    'a=msid-semantic: WMS',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    ...common,
    'a=mid:0',
    `a=${direction}`,
    'a=msid:- 51e72aa4-19b8-4f97-b0dd-d376afb04496',
    'a=rtcp-mux',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
    'a=ssrc:2256788149 cname:zXYA+aV1PEc/ZlBv',
  ];
  if (video) {
    lines.push(
      'm=video 9 UDP/TLS/RTP/SAVPF 96 97',
      ...common,
      'a=mid:1',
      `a=${direction}`,
      'a=msid:- 94010e19-c11c-4793-8436-dc53987bc268',
      'a=rtcp-mux',
      'a=rtcp-rsize',
      'a=rtpmap:96 VP8/90000',
      'a=rtcp-fb:96 nack',
      'a=rtcp-fb:96 nack pli',
      'a=rtpmap:97 rtx/90000',
      'a=fmtp:97 apt=96',
      'a=ssrc-group:FID 3641132716 1196721526',
      'a=ssrc:3641132716 cname:zXYA+aV1PEc/ZlBv',
      'a=ssrc:1196721526 cname:zXYA+aV1PEc/ZlBv',
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
