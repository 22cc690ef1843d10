import { readFileSync } from 'node:fs';
import type { Config } from '../config/schema.js';
import { SalonError } from '../errors.js';
import { UrlBlocklist } from './urls.js';
import { WordFilter } from './wordfilter.js';

interface Loaded {
  words: WordFilter;
  urls: UrlBlocklist;
  block: WordFilter;
  flag: WordFilter;
  /** E4, T6: names pass the name list and, when the operator has one, the message block list. */
  names: WordFilter;
}

/** An optional operator word list (T6): null is an empty list, never the bundled one. */
function optionalList(file: string | null): WordFilter {
  return WordFilter.parse(file === null ? '' : readFileSync(file, 'utf8'));
}

/**
 * A message read for word lists: an exclamation mark that ends a word is punctuation, not a
 * letter `i` ("bitcoin!" reads "bitcoin"); inside a word it still stands for `i` ("b!tcoin").
 */
function messageReading(text: string): string {
  return text.replace(/!+(?![\p{L}\p{N}])/gu, ' ');
}

/** The entry as staff read it: without the whole-word marker. */
function word(entry: string): string {
  return entry.startsWith('=') ? entry.slice(1) : entry;
}

function load(config: Readonly<Config>): Loaded {
  const words = WordFilter.load(config.entry.wordList);
  const block = optionalList(config.safety.messageBlockList);
  return {
    words,
    urls: UrlBlocklist.load(config.safety.urlBlocklists),
    block,
    flag: optionalList(config.safety.messageFlagList),
    names: block.size > 0 ? WordFilter.union(words, block) : words,
  };
}

/**
 * The operator's lists (E4 words, S3 URLs, T6 message block and flag lists), loaded at start and
 * reloaded without a restart (`reload`, run on SIGHUP). A reload that fails keeps the lists in force.
 */
export class SafetyLists {
  private lists: Loaded;

  constructor(private readonly config: Readonly<Config>) {
    this.lists = load(config);
  }

  /** The filter for nicknames and room names (E4 list and T6 block list). */
  words(): WordFilter {
    return this.lists.names;
  }

  urls(): UrlBlocklist {
    return this.lists.urls;
  }

  /** Re-reads every list file; throws (and keeps the old lists) when one cannot be read. */
  reload(): { words: number; urls: number; blocked: number; flagged: number } {
    const loaded = load(this.config);
    this.lists = loaded;
    return {
      words: loaded.words.size,
      urls: loaded.urls.size,
      blocked: loaded.block.size,
      flagged: loaded.flag.size,
    };
  }

  /**
   * S3, T6: refuses a message that carries a listed link or a word of the block list, before it is
   * stored or delivered.
   */
  checkMessage(text: string): void {
    if (this.lists.urls.matchText(text) !== null) {
      throw new SalonError('LINK_BLOCKED', 'This message contains a link that is not allowed on Salon.');
    }
    if (this.lists.block.size > 0 && this.lists.block.match(messageReading(text)) !== null) {
      throw new SalonError('TEXT_FORBIDDEN', 'This message contains a word that is not allowed on Salon.');
    }
  }

  /** T6: the flag-list word a message contains (the message is delivered and shown to staff), or null. */
  flagged(text: string): string | null {
    if (this.lists.flag.size === 0) return null;
    const match = this.lists.flag.match(messageReading(text));
    return match === null ? null : word(match.entry);
  }
}
