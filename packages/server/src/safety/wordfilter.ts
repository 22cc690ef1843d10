import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { foldForFilter, foldVariants, foldWords } from './fold.js';

/** The bundled default list (E4); operators point `entry.wordList` at their own file. */
export const DEFAULT_WORD_LIST = fileURLToPath(new URL('../../assets/words.txt', import.meta.url));

export interface WordMatch {
  entry: string;
}

/**
 * E4: matches nicknames and room names against an operator word list.
 * File format: one entry a line; `#` starts a comment; a plain entry matches anywhere inside the
 * folded text ("l0l1ta_92" contains "lolita"); an entry starting with `=` matches a whole word only
 * (for short words that occur inside innocent ones).
 */
export class WordFilter {
  private constructor(
    private readonly anywhere: { entry: string; folded: string }[],
    private readonly whole: Map<string, string>,
  ) {}

  static parse(text: string): WordFilter {
    const anywhere: { entry: string; folded: string }[] = [];
    const whole = new Map<string, string>();
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.replace(/#.*$/, '').trim();
      if (line === '') continue;
      if (line.startsWith('=')) {
        const folded = foldForFilter(line.slice(1));
        if (folded) whole.set(folded, line);
      } else {
        const folded = foldForFilter(line);
        if (folded) anywhere.push({ entry: line, folded });
      }
    }
    return new WordFilter(anywhere, whole);
  }

  /** One filter matching whatever any of `filters` matches. */
  static union(...filters: WordFilter[]): WordFilter {
    return new WordFilter(
      filters.flatMap((filter) => filter.anywhere),
      new Map(filters.flatMap((filter) => [...filter.whole])),
    );
  }

  static load(file: string | null): WordFilter {
    return WordFilter.parse(readFileSync(file ?? DEFAULT_WORD_LIST, 'utf8'));
  }

  get size(): number {
    return this.anywhere.length + this.whole.size;
  }

  /** The first entry the text matches, or null. */
  match(text: string): WordMatch | null {
    const readings = foldVariants(text);
    for (const folded of readings) {
      for (const item of this.anywhere) if (folded.includes(item.folded)) return { entry: item.entry };
    }
    // A name is also one word when written with separators ("p.e.d.o").
    for (const word of [...foldWords(text), ...readings]) {
      const entry = this.whole.get(word);
      if (entry !== undefined) return { entry };
    }
    return null;
  }
}
