/**
 * T7: `salon signals` — reads one message per line and writes, for each, the comma-separated
 * signal names it raises (in `MESSAGE_SIGNAL_NAMES` order) or `-` when it raises none. Lines end
 * with LF or CRLF; an empty line is a message with no signal.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { detectSignals } from './detector.js';

/** T7: the signal of each input line, one output line per input line, in order. */
export async function runSignals(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    const signals = detectSignals(line);
    if (!output.write(`${signals.length > 0 ? signals.join(',') : '-'}\n`)) await once(output, 'drain');
  }
}
