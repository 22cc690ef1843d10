import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What Salon puts in the Janus configuration it generates. */
export interface JanusSettings {
  /** Loopback port of the WebSocket API (only Salon talks to Janus). */
  apiPort: number;
  /** Loopback port of the WebSocket admin API (tokens). */
  adminPort: number;
  /** Guards the admin API. */
  adminSecret: string;
  /** The videoroom and audiobridge admin_key: only Salon may create or destroy rooms. */
  roomSecret: string;
  /** "min-max" UDP ports for media. */
  rtpPorts: string;
  /** nat_1_1_mapping: the public address of a host behind a 1:1 NAT. */
  publicIp: string | null;
  /** ice_enforce_list: interfaces or addresses to gather candidates on. */
  interfaces: string | null;
  /** Where Janus finds its plugins and transports (Debian's layout by default). */
  libDir?: string;
}

const DEBIAN_LIB = '/usr/lib/x86_64-linux-gnu/janus';

/** Plugins and transports Salon does not use: never loaded, so never reachable. */
const UNUSED_PLUGINS = [
  'libjanus_echotest.so',
  'libjanus_videocall.so',
  'libjanus_streaming.so',
  'libjanus_recordplay.so',
  'libjanus_sip.so',
  'libjanus_nosip.so',
  'libjanus_textroom.so',
  'libjanus_voicemail.so',
  'libjanus_lua.so',
  'libjanus_duktape.so',
];
const UNUSED_TRANSPORTS = [
  'libjanus_http.so',
  'libjanus_mqtt.so',
  'libjanus_nanomsg.so',
  'libjanus_pfunix.so',
  'libjanus_rabbitmq.so',
];
const UNUSED_EVENTS = [
  'libjanus_gelfevh.so',
  'libjanus_mqttevh.so',
  'libjanus_nanomsgevh.so',
  'libjanus_rabbitmqevh.so',
  'libjanus_sampleevh.so',
  'libjanus_wsevh.so',
];

/** A libconfig string literal. */
function str(value: string): string {
  return JSON.stringify(value);
}

/** The main janus.jcfg. Tokens are required on every session (token_auth), added by Salon. */
export function janusMainConfig(dir: string, s: JanusSettings): string {
  const lib = s.libDir ?? DEBIAN_LIB;
  const nat = [
    'nice_debug = false',
    'full_trickle = false',
    'ignore_mdns = true',
    ...(s.interfaces ? [`ice_enforce_list = ${str(s.interfaces)}`] : []),
    ...(s.publicIp ? [`nat_1_1_mapping = ${str(s.publicIp)}`, 'keep_private_host = false'] : []),
  ];
  return `general: {
  configs_folder = ${str(dir)}
  plugins_folder = ${str(`${lib}/plugins`)}
  transports_folder = ${str(`${lib}/transports`)}
  events_folder = ${str(`${lib}/events`)}
  loggers_folder = ${str(`${lib}/loggers`)}
  debug_level = 3
  debug_timestamps = true
  token_auth = true
  admin_secret = ${str(s.adminSecret)}
  session_timeout = 60
  reclaim_session_timeout = 0
  hide_dependencies = true
  server_name = "salon-media"
}
certificates: {
}
media: {
  rtp_port_range = ${str(s.rtpPorts)}
  dtls_timeout = 500
  nack_queue = 300
}
nat: {
  ${nat.join('\n  ')}
}
plugins: {
  disable = ${str(UNUSED_PLUGINS.join(','))}
}
transports: {
  disable = ${str(UNUSED_TRANSPORTS.join(','))}
}
loggers: {
  disable = "libjanus_jsonlog.so"
}
events: {
  broadcast = false
  disable = ${str(UNUSED_EVENTS.join(','))}
}
`;
}

export function websocketsConfig(s: JanusSettings): string {
  return `general: {
  json = "compact"
  ws = true
  ws_port = ${s.apiPort}
  ws_ip = "127.0.0.1"
  wss = false
}
admin: {
  admin_ws = true
  admin_ws_port = ${s.adminPort}
  admin_ws_ip = "127.0.0.1"
  admin_wss = false
}
`;
}

/** Rooms are created and destroyed by Salon at run time, with string ids and an admin key. */
export function pluginConfig(s: JanusSettings): string {
  return `general: {
  admin_key = ${str(s.roomSecret)}
  string_ids = true
  events = false
}
`;
}

/** Writes the configuration folder; returns the path of janus.jcfg. */
export async function writeJanusConfig(dir: string, settings: JanusSettings): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const main = join(dir, 'janus.jcfg');
  const files: [string, string][] = [
    [main, janusMainConfig(dir, settings)],
    [join(dir, 'janus.transport.websockets.jcfg'), websocketsConfig(settings)],
    [join(dir, 'janus.plugin.videoroom.jcfg'), pluginConfig(settings)],
    [join(dir, 'janus.plugin.audiobridge.jcfg'), pluginConfig(settings)],
  ];
  for (const [path, text] of files) await writeFile(path, text, { mode: 0o600 });
  return main;
}
