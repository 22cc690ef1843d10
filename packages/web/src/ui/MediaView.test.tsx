import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import type { ChatMessage, MediaRef } from '@salon/protocol';
import type { SessionApi } from '../api/session.js';
import { setup } from '../test/chatHarness.js';
import { mediaRef } from '../test/mediaFakes.js';
import { click, render } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { ChatContext } from './chatContext.js';
import { setHideExplicit } from './mediaPrefs.js';
import { MessageRow } from './MessageRow.js';
import { SettingsDialog } from './SettingsDialog.js';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
  setHideExplicit(false);
  vi.restoreAllMocks();
});

let nextId = 0;
/** Each test its own media id: a reveal lasts for the page. */
function withMedia(change: Partial<MediaRef> = {}, text = ''): ChatMessage {
  nextId += 1;
  const id = `media${String(nextId).padStart(17, '0')}`;
  return {
    roomId: 'general',
    seq: 3,
    authorId: 'bob',
    nickname: 'Bob',
    text,
    at: Date.now(),
    media: mediaRef({ id, url: `/media/${id}`, thumbUrl: `/media/${id}/thumb`, ...change }),
  };
}

const row = (message: ChatMessage) => <MessageRow message={message} myUserId="me" myNickname="Alice" />;
const inBody = (selector: string) => document.body.querySelector<HTMLElement>(selector);

describe('media in messages (M1)', () => {
  it('[M1] a photo shows its thumbnail, sized from the file so the list does not jump; a click opens it', async () => {
    const message = withMedia({}, 'au @Alice');
    view = await render(row(message));
    const media = message.media!;
    const box = view.byTestId('media');
    expect(box.dataset.kind).toBe('image');
    expect(box.hasAttribute('data-explicit')).toBe(false);
    const thumb = view.byTestId<HTMLImageElement>('media-thumb');
    expect(thumb.getAttribute('src')).toBe(media.thumbUrl);
    expect(thumb.getAttribute('width')).toBe('320');
    expect(thumb.getAttribute('height')).toBe('240');
    expect(thumb.getAttribute('loading')).toBe('lazy');
    expect(thumb.getAttribute('alt')).toBe('Photo envoyée par Bob');
    // The caption under it, with the usual text rendering.
    expect(view.byTestId('message-text').textContent).toBe('au @Alice');
    expect(view.container.querySelector('.mention-me')).not.toBeNull();

    await click(view.byTestId('media-open'));
    const viewer = inBody('[data-testid="media-viewer"]')!;
    expect(viewer.getAttribute('role')).toBe('dialog');
    const full = viewer.querySelector<HTMLImageElement>('[data-testid="media-full"]')!;
    expect(full.getAttribute('src')).toBe(media.url);
    expect(full.getAttribute('width')).toBe('1600');
    await click(viewer.querySelector<HTMLElement>('.dialog-actions button')!);
    expect(inBody('[data-testid="media-viewer"]')).toBeNull();
  });

  it('[M1] a video plays in place with its poster; a sound with the audio controls', async () => {
    const video = withMedia({ kind: 'video', mime: 'video/mp4', width: 1280, height: 720, durationMs: 4000 });
    view = await render(row(video));
    const player = view.byTestId<HTMLVideoElement>('media-video');
    expect(player.hasAttribute('controls')).toBe(true);
    expect(player.getAttribute('preload')).toBe('metadata');
    expect(player.getAttribute('poster')).toBe(video.media!.thumbUrl);
    expect(player.getAttribute('src')).toBe(video.media!.url);
    expect(player.getAttribute('width')).toBe('320');
    expect(player.getAttribute('height')).toBe('180');
    expect(view.queryByTestId('message-text')).toBeNull();
    await view.unmount();

    const sound = withMedia({ kind: 'audio', mime: 'audio/mpeg', width: null, height: null, thumbUrl: null });
    view = await render(row(sound));
    const audio = view.byTestId<HTMLAudioElement>('media-audio');
    expect(audio.getAttribute('src')).toBe(sound.media!.url);
    expect(audio.getAttribute('preload')).toBe('metadata');
    expect(audio.hasAttribute('controls')).toBe(true);
  });

  it('[M4] a media URL that is not a path on this site is never loaded', async () => {
    view = await render(
      row(withMedia({ url: 'https://evil.example/x.jpg', thumbUrl: '//evil.example/t.jpg' })),
    );
    expect(view.container.querySelector('img, video, audio')).toBeNull();
    expect(view.container.textContent).toContain('Fichier indisponible.');
  });
});

describe('explicit media (S2)', () => {
  it('[S2] an explicit photo is blurred, without the full file, until the viewer clicks', async () => {
    const message = withMedia({ explicit: true });
    view = await render(row(message), 'en');
    const box = view.byTestId('media');
    expect(box.dataset.explicit).toBe('blurred');
    expect(box.querySelector('.media-blurred img')?.getAttribute('src')).toBe(message.media!.thumbUrl);
    expect(view.queryByTestId('media-open')).toBeNull();
    expect(view.container.innerHTML).not.toContain(`src="${message.media!.url}"`);
    const reveal = view.byTestId('media-reveal');
    expect(reveal.textContent).toBe('Explicit content — click to show');

    await click(reveal);
    expect(view.byTestId('media').dataset.explicit).toBe('revealed');
    expect(view.queryByTestId('media-reveal')).toBeNull();
    expect(view.byTestId('media-thumb').closest('.media-blurred')).toBeNull();
  });

  it('[S2] an explicit video is not loaded before the click', async () => {
    const message = withMedia({ kind: 'video', mime: 'video/webm', explicit: true });
    view = await render(row(message));
    expect(view.byTestId('media').dataset.explicit).toBe('blurred');
    expect(view.container.querySelector('video')).toBeNull();
    await click(view.byTestId('media-reveal'));
    expect(view.byTestId('media').dataset.explicit).toBe('revealed');
    expect(view.byTestId('media-video').getAttribute('src')).toBe(message.media!.url);
  });

  it('[S2] "Never show explicit images" in the settings removes them entirely, and is remembered', async () => {
    const { client, connect } = setup();
    await connect();
    const unused = () => Promise.resolve({ ok: false as const, failure: { code: 'UNKNOWN' as const } });
    const api: SessionApi = {
      current: unused,
      enter: unused,
      leave: unused,
      entryOptions: unused,
      login: unused,
      register: unused,
    };
    const explicit = withMedia({ explicit: true });
    const plain = withMedia();
    view = await render(
      <ChatContext value={client}>
        <SettingsDialog api={api} onClose={() => undefined} />
        {row(explicit)}
        <MessageRow message={{ ...plain, seq: 4 }} myUserId="me" myNickname="Alice" />
      </ChatContext>,
      'en',
    );
    const setting = inBody('[data-testid="hide-explicit"]') as HTMLInputElement;
    expect(setting.closest('label')?.textContent).toBe('Never show explicit images');
    expect(setting.checked).toBe(false);
    await click(setting);
    expect(setting.checked).toBe(true);
    expect(localStorage.getItem('salon.hideExplicit')).toBe('1');

    const [first, second] = [...view.container.querySelectorAll('[data-testid="message"]')];
    expect(first!.querySelector('img, video, audio')).toBeNull();
    expect(first!.querySelector('[data-testid="media-hidden"]')?.textContent).toBe(
      'Explicit content hidden (your settings)',
    );
    // Other photos are untouched.
    expect(second!.querySelector('[data-testid="media-thumb"]')).not.toBeNull();

    await click(setting);
    expect(localStorage.getItem('salon.hideExplicit')).toBeNull();
    expect(first!.querySelector('[data-explicit="blurred"]')).not.toBeNull();
  });

  it('[S2] the setting also follows a change made in another tab', async () => {
    view = await render(row(withMedia({ explicit: true })));
    expect(view.queryByTestId('media-hidden')).toBeNull();
    await act(async () => {
      localStorage.setItem('salon.hideExplicit', '1');
      window.dispatchEvent(new StorageEvent('storage', { key: 'salon.hideExplicit', newValue: '1' }));
      await Promise.resolve();
    });
    expect(view.queryByTestId('media-hidden')).not.toBeNull();
  });
});
