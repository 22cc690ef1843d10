import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '@salon/protocol';
import { click, press, render } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { LeaveDialog } from './LeaveDialog.js';
import { OpenLinkContext } from './linkContext.js';
import { MessageRow } from './MessageRow.js';

const base: ChatMessage = {
  roomId: 'general',
  seq: 7,
  authorId: 'bob',
  nickname: 'Bob',
  text: '',
  at: Date.now(),
};

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
  vi.restoreAllMocks();
});

describe('messages', () => {
  it('[R5] renders HTML in a message as text', async () => {
    const text = '<img src=x onerror=alert(1)> <b>gras</b> <script>alert(2)</script>';
    view = await render(<MessageRow message={{ ...base, text }} myUserId="me" myNickname="Alice" />);
    const row = view.byTestId('message');
    expect(row.getAttribute('data-seq')).toBe('7');
    expect(view.byTestId('message-text').textContent).toBe(text);
    expect(row.querySelector('img, b, script')).toBeNull();
  });

  it('[R5] shows links as buttons that open the leaving notice, never as <a href>', async () => {
    const opened: string[] = [];
    view = await render(
      <OpenLinkContext value={(url) => opened.push(url)}>
        <MessageRow
          message={{ ...base, text: 'regarde https://example.com/x et www.test.fr' }}
          myUserId="me"
          myNickname="Alice"
        />
      </OpenLinkContext>,
    );
    const text = view.byTestId('message-text');
    expect(text.querySelector('a')).toBeNull();
    const buttons = [...text.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['https://example.com/x', 'www.test.fr']);
    await click(buttons[1]!);
    expect(opened).toEqual(['https://www.test.fr/']);
  });

  it('[R5] highlights a mention of me', async () => {
    view = await render(
      <MessageRow message={{ ...base, text: 'salut @alice !' }} myUserId="me" myNickname="Alice" />,
    );
    expect(view.container.querySelector('.mention-me')?.textContent).toBe('@alice');
    expect(view.byTestId('message').className).toContain('message-mentioned');
  });

  it('[R5] the leaving notice opens the URL only on Continue, without opener or referrer', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const onClose = vi.fn();
    view = await render(<LeaveDialog url="https://example.com/" onClose={onClose} />);
    const dialog = view.byTestId('leave-notice');
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.textContent).toContain('Vous quittez Salon');
    expect(dialog.textContent).toContain('https://example.com/');
    expect(open).not.toHaveBeenCalled();
    const [cancel, proceed] = [...dialog.querySelectorAll('button')];
    expect(document.activeElement).toBe(cancel);
    await click(proceed!);
    expect(open).toHaveBeenCalledWith('https://example.com/', '_blank', 'noopener,noreferrer');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('[O5] the leaving notice closes with Escape and keeps Tab inside', async () => {
    const onClose = vi.fn();
    view = await render(<LeaveDialog url="https://example.com/" onClose={onClose} />);
    const dialog = view.byTestId('leave-notice');
    const [cancel, proceed] = [...dialog.querySelectorAll('button')];
    proceed!.focus();
    await press(proceed!, 'Tab');
    expect(document.activeElement).toBe(cancel);
    await press(cancel!, 'Tab', { shiftKey: true });
    expect(document.activeElement).toBe(proceed);
    await press(dialog, 'Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
