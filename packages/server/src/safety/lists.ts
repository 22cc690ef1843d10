import type { Config } from '../config/schema.js';
import { SalonError } from '../errors.js';
import { UrlBlocklist } from './urls.js';
import { WordFilter } from './wordfilter.js';

/**
 * The operator's lists (E4 words, S3 URLs), loaded at start and reloaded without a restart
 * (`reload`, run on SIGHUP). A reload that fails keeps the lists in force.
 */
export class SafetyLists {
  private wordFilter: WordFilter;
  private urlList: UrlBlocklist;

  constructor(private readonly config: Readonly<Config>) {
    this.wordFilter = WordFilter.load(config.entry.wordList);
    this.urlList = UrlBlocklist.load(config.safety.urlBlocklists);
  }

  words(): WordFilter {
    return this.wordFilter;
  }

  urls(): UrlBlocklist {
    return this.urlList;
  }

  /** Re-reads every list file; throws (and keeps the old lists) when one cannot be read. */
  reload(): { words: number; urls: number } {
    const words = WordFilter.load(this.config.entry.wordList);
    const urls = UrlBlocklist.load(this.config.safety.urlBlocklists);
    this.wordFilter = words;
    this.urlList = urls;
    return { words: words.size, urls: urls.size };
  }

  /** S3: refuses a message that carries a listed link, before it is stored or delivered. */
  checkMessage(text: string): void {
    if (this.urlList.matchText(text) !== null) {
      throw new SalonError('LINK_BLOCKED', 'This message contains a link that is not allowed on Salon.');
    }
  }
}
