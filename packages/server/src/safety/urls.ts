import { readFileSync } from 'node:fs';

/** A URL reduced for comparison: host without `www.` and port, path without trailing slash. */
export interface NormalUrl {
  host: string;
  path: string;
}

const URL_IN_TEXT =
  /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}(?::\d{1,5})?(?:\/[^\s<>"]*)?/gi;

/** Decodes percent-escapes of characters that need none, and upper-cases the others (RFC 3986 6.2.2). */
function normalizeEscapes(path: string): string {
  return path.replace(/%([0-9a-f]{2})/gi, (_match, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/**
 * S3: normalises a URL or a bare "host/path" for matching: case of scheme and host, scheme
 * itself, `www.`, default and explicit ports, user info, trailing dots and slashes, fragments,
 * and percent-encoding. The query is dropped (lists name hosts and paths). Null when it has no host.
 */
export function normalizeUrl(raw: string): NormalUrl | null {
  let text = raw.trim().normalize('NFKC');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text.replace(/^\/+/, '')}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  let host = url.hostname.toLowerCase().replace(/\.+$/, '');
  if (host.startsWith('www.')) host = host.slice(4);
  if (!host.includes('.') && host !== 'localhost') return null;
  let path: string;
  try {
    path = normalizeEscapes(url.pathname);
  } catch {
    path = url.pathname;
  }
  path = path.replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  return { host, path };
}

/** The URLs a message contains, normalised. */
export function urlsIn(text: string): NormalUrl[] {
  return [...text.normalize('NFKC').matchAll(URL_IN_TEXT)].flatMap(
    // Punctuation that ends a sentence is not part of the link.
    (match) => normalizeUrl(match[0].replace(/[.,;:!?)\]}'"]+$/, '')) ?? [],
  );
}

interface Entry {
  path: string;
  source: string;
}

/**
 * S3: operator URL blocklists. A line names a host ("example.com": the host and its subdomains)
 * or a host and path ("example.com/bad": that path and below it). `#` starts a comment.
 */
export class UrlBlocklist {
  private constructor(private readonly byHost: Map<string, Entry[]>) {}

  static parse(text: string, source = 'list'): UrlBlocklist {
    const byHost = new Map<string, Entry[]>();
    text.split(/\r?\n/).forEach((raw, index) => {
      const line = raw.replace(/#.*$/, '').trim();
      if (!line) return;
      const url = normalizeUrl(line);
      if (!url) return;
      const entries = byHost.get(url.host) ?? [];
      entries.push({ path: url.path, source: `${source}:${index + 1}` });
      byHost.set(url.host, entries);
    });
    return new UrlBlocklist(byHost);
  }

  static load(files: readonly string[]): UrlBlocklist {
    const merged = new Map<string, Entry[]>();
    for (const file of files) {
      for (const [host, entries] of UrlBlocklist.parse(readFileSync(file, 'utf8'), file).byHost) {
        merged.set(host, [...(merged.get(host) ?? []), ...entries]);
      }
    }
    return new UrlBlocklist(merged);
  }

  get size(): number {
    let count = 0;
    for (const entries of this.byHost.values()) count += entries.length;
    return count;
  }

  /** The list entry a URL falls under, or null. */
  matchUrl(url: NormalUrl): string | null {
    const labels = url.host.split('.');
    for (let i = 0; i < labels.length - 1; i++) {
      const entries = this.byHost.get(labels.slice(i).join('.'));
      for (const entry of entries ?? []) {
        if (entry.path === '' || url.path === entry.path || url.path.startsWith(`${entry.path}/`))
          return entry.source;
      }
    }
    return null;
  }

  /** The first listed URL in a message, or null. */
  matchText(text: string): string | null {
    if (this.byHost.size === 0) return null;
    for (const url of urlsIn(text)) {
      const found = this.matchUrl(url);
      if (found) return found;
    }
    return null;
  }
}
