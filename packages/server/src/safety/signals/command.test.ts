import { describe, expect, it } from 'vitest';
import { PassThrough, Readable, Writable } from 'node:stream';
import { runSignals } from './command.js';

async function run(input: string | string[]): Promise<string> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await runSignals(Readable.from(Array.isArray(input) ? input : [input]), output);
  output.end();
  return Buffer.concat(chunks).toString('utf8');
}

describe('T7 salon signals command', () => {
  it('[T7] writes one line per message: the signal names, or "-"', async () => {
    const input = [
      'salut ça va ?',
      "t'as quel âge ? tu habites où ?",
      'ajoute-moi sur snap',
      '',
      'mon 06 : 06 12 34 56 78, on se voit samedi au parc',
    ].join('\n');
    expect(await run(`${input}\n`)).toBe(
      ['-', 'age_question,address_question', 'move_platform', '-', 'phone_number,meeting', ''].join('\n'),
    );
  });

  it('[T7] accepts CRLF, a last line without newline, and lines split across chunks', async () => {
    expect(await run(['how old ', 'are you\r\nhel', 'lo\r\nsend pics'])).toBe(
      'age_question\n-\nphoto_request\n',
    );
    expect(await run('')).toBe('');
  });

  it('[T7] waits for a slow output instead of buffering without bound', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 'send pics' : 'bonjour'));
    let written = '';
    const slow = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.toString('utf8');
        setImmediate(callback);
      },
    });
    await runSignals(Readable.from([lines.join('\n')]), slow);
    await new Promise<void>((resolve) => slow.end(resolve));
    expect(written.split('\n').slice(0, -1)).toEqual(
      lines.map((_, i) => (i % 2 === 0 ? 'photo_request' : '-')),
    );
  });
});
