import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { enterSalon, joinRoom, messageTexts, sendMessage } from './support/pages.js';
import { CHROMIUM, launchBrowser } from './support/browser.js';
import { startSalon } from './support/server.js';
import {
  createInviteLink,
  createPrivateRoom,
  enterAt,
  openMemberMenu,
  testIdSuffix,
  waitForMember,
} from './support/private.js';
import {
  launchIn,
  received,
  recordFrames,
  recordRtc,
  rtcRecord,
  toneWav,
  videoState,
} from './support/live.js';
import {
  LIVE_TESTS,
  MEDIA_ADDRESS,
  Netns,
  RTP_PORTS,
  startLiveSalon,
  type LiveSalon,
} from './support/netns.js';

interface Person {
  name: string;
  page: Page;
  browser: Browser;
  /** Every frame the server sent this page. */
  frames: unknown[];
}

describe.skipIf(!LIVE_TESTS)('live webcam, voice and calls through Janus (V1–V4)', () => {
  let ns: Netns;
  let salon: LiveSalon;
  let tmp: string;
  let chromiumPath: string;
  const people: Person[] = [];

  beforeAll(async () => {
    ns = await Netns.create();
    salon = await startLiveSalon(ns);
    tmp = await mkdtemp(join(tmpdir(), 'salon-live-browser-'));
    chromiumPath = await ns.chromiumWrapper(tmp);
  }, 60_000);

  afterAll(async () => {
    for (const person of people) await person.browser.close().catch(() => {});
    await salon?.stop();
    await ns?.remove();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** A person with a browser of their own, entered under `name` (at `url`, an invite link, say). */
  async function person(
    name: string,
    url = salon.url,
    gender = 'woman',
    args: string[] = [],
  ): Promise<Person> {
    const browser = await launchIn(chromiumPath, args);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (error) => console.error(`${name} page error:`, error.message));
    const frames = recordFrames(page);
    await recordRtc(page);
    await enterAt(page, url, name, 30, gender);
    const p = { name, page, browser, frames };
    people.push(p);
    return p;
  }

  async function leave(p: Person): Promise<void> {
    await p.browser.close();
  }

  /** Frames decoded at `p`, read twice `ms` apart. */
  async function decodedOver(p: Person, ms: number): Promise<[number, number]> {
    const before = (await received(p.page)).framesDecoded;
    await p.page.waitForTimeout(ms);
    return [before, (await received(p.page)).framesDecoded];
  }

  let owner: Person;
  let ana: Person;
  let bob: Person;
  let carl: Person;
  let roomId = '';

  it('[V2][P3] A turns her cam on with "approve each viewer"; B asks, A accepts, B decodes frames; C, blocked by A, cannot see it', async () => {
    owner = await person('Mod_live');
    roomId = await createPrivateRoom(owner.page, 'Cams');
    const link = await createInviteLink(owner.page);
    ana = await person('Ana_cam', link);
    bob = await person('Bob_cam', link, 'man');
    carl = await person('Carl_cam', link, 'man');
    for (const p of [ana, bob, carl]) await p.page.getByTestId(`room-view-${roomId}`).waitFor();
    await waitForMember(ana.page, 'Carl_cam');

    // P3: A blocks C before her cam is on.
    await openMemberMenu(ana.page, 'Carl_cam');
    await ana.page.getByTestId('member-action-block').click();

    await ana.page.getByTestId('cam-access').selectOption('approve');
    await ana.page.getByTestId('cam-start').click();
    await ana.page.locator('[data-testid="cam-mine"][data-phase="on"]').waitFor({ timeout: 15_000 });
    const anaId = (await ana.page
      .getByTestId('member')
      .filter({ hasText: 'Ana_cam' })
      .getAttribute('data-user'))!;
    const bobId = (await bob.page
      .getByTestId('member')
      .filter({ hasText: 'Bob_cam' })
      .getAttribute('data-user'))!;

    // B sees the cam icon on A and asks; A sees the request and accepts.
    await bob.page.getByTestId(`cam-watch-${anaId}`).click();
    await bob.page.locator(`[data-testid="cam-tile-${anaId}"][data-phase="asking"]`).waitFor();
    await ana.page.getByTestId(`cam-request-${bobId}`).waitFor();
    await ana.page.getByTestId(`cam-accept-${bobId}`).click();
    await ana.page.getByTestId(`cam-viewer-${bobId}`).waitFor({ timeout: 10_000 });

    // B's page decodes A's camera.
    await expect
      .poll(async () => (await videoState(bob.page, `cam-video-${anaId}`))?.width ?? 0, { timeout: 20_000 })
      .toBeGreaterThan(0);
    const [before, after] = await decodedOver(bob, 1500);
    expect(after).toBeGreaterThan(before);

    // C, blocked by A, sees no cam on A and was never offered it.
    await bob.page.waitForTimeout(500);
    expect(await carl.page.getByTestId(`cam-watch-${anaId}`).count()).toBe(0);
    expect(await owner.page.getByTestId(`cam-watch-${anaId}`).count()).toBe(1);
    const carlLive = carl.frames.filter((f) => {
      const type = (f as { type?: string }).type ?? '';
      return type === 'cam.offer' || (type === 'live.cams' && JSON.stringify(f).includes(anaId));
    });
    expect(carlLive).toEqual([]);
  });

  it('[V4] a room moderator ends A’s cam: B’s frames stop within 2 seconds', async () => {
    await openMemberMenu(owner.page, 'Ana_cam');
    const start = Date.now();
    await owner.page.getByTestId('member-action-end-stream').click();
    const anaId = (await bob.page
      .getByTestId('member')
      .filter({ hasText: 'Ana_cam' })
      .getAttribute('data-user'))!;
    await bob.page
      .locator(`[data-testid="cam-tile-${anaId}"][data-phase="ended"]`)
      .waitFor({ timeout: 2000 });
    const stopped = Date.now() - start;
    console.log(`stream ended at the viewer ${stopped} ms after the moderator's click`);
    expect(stopped).toBeLessThan(2000);
    // And no frame is decoded after that.
    const [before, after] = await decodedOver(bob, 1000);
    expect(after).toBe(before);
    await ana.page.getByTestId('live-error').waitFor();
    expect(await ana.page.getByTestId('cam-mine').count()).toBe(0);
  });

  it('[V1] a voice room with 3 people: the listeners receive the speaker’s audio and see who speaks', async () => {
    for (const p of [owner, ana, bob, carl]) if (p) await leave(p);
    const tone = join(tmp, 'tone.wav');
    await writeFile(tone, toneWav());
    const speaker = await person('Sam_voice', salon.url, 'man', [
      `--use-file-for-fake-audio-capture=${tone}`,
    ]);
    const listeners = [await person('Lea_voice'), await person('Leo_voice', salon.url, 'man')];
    for (const p of [speaker, ...listeners]) {
      await joinRoom(p.page, 'vocal');
      await p.page.getByTestId('voice-join').click();
      await p.page.locator('[data-testid="voice-bar"][data-phase="on"]').waitFor({ timeout: 15_000 });
    }
    const samId = (await speaker.page
      .getByTestId('member')
      .filter({ hasText: 'Sam_voice' })
      .getAttribute('data-user'))!;
    await speaker.page.getByTestId('voice-speak').click();
    await listeners[0]!.page
      .locator(`[data-testid="voice-member-${samId}"][data-speaking="true"]`)
      .waitFor({ timeout: 5000 });
    for (const listener of listeners) {
      const first = await received(listener.page);
      await listener.page.waitForTimeout(2000);
      const later = await received(listener.page);
      expect(later.audioPackets).toBeGreaterThan(first.audioPackets + 25);
      expect(later.audioEnergy).toBeGreaterThan(first.audioEnergy);
    }
    // The speaking indicator: the fake microphone beeps, so the speaker is seen talking.
    await listeners[1]!.page
      .locator(`[data-testid="voice-member-${samId}"][data-talking="true"]`)
      .waitFor({ timeout: 10_000 });
    // V1: the speaker limit (2 in this config) holds.
    await listeners[0]!.page.getByTestId('voice-speak').click();
    await listeners[0]!.page.getByTestId('voice-mute').waitFor();
    await listeners[1]!.page.getByTestId('voice-speak').click();
    const error = listeners[1]!.page.getByTestId('live-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('SPEAKER_LIMIT');
    for (const p of [speaker, ...listeners]) await leave(p);
  });

  it('[V2] a private video call between two people who accepted each other', async () => {
    const ava = await person('Ava_call');
    const ben = await person('Ben_call', salon.url, 'man');
    await joinRoom(ava.page, 'general');
    await joinRoom(ben.page, 'general');
    await waitForMember(ava.page, 'Ben_call');
    await openMemberMenu(ava.page, 'Ben_call');
    await ava.page.getByTestId('member-action-message').click();
    await ava.page.locator('[data-testid^="dm-view-"]').waitFor();
    await sendMessage(ava.page, 'Un appel vidéo ?');
    const conversationId = await testIdSuffix(ava.page, 'dm-item-');
    // No call before the conversation is accepted.
    expect(await ava.page.getByTestId('call-start').count()).toBe(0);
    const request = ben.page.getByTestId(`request-item-${conversationId}`);
    await request.waitFor();
    await request.locator('button').first().click();
    await ben.page.getByTestId('request-accept').click();
    await ben.page.getByTestId('composer-input').waitFor();

    await ava.page.getByTestId('call-start').click();
    await ben.page.getByTestId('call-accept').click();
    for (const p of [ava, ben]) {
      await expect
        .poll(async () => (await videoState(p.page, 'call-remote'))?.width ?? 0, { timeout: 20_000 })
        .toBeGreaterThan(0);
      const [before, after] = await decodedOver(p, 1500);
      expect(after).toBeGreaterThan(before);
    }
    await ben.page.getByTestId('call-end').click();
    await ava.page.getByTestId('call-start').waitFor({ timeout: 5000 });
  });

  it('[V3] every SDP and candidate a browser received names only the media server', async () => {
    const byPage = await Promise.all(
      people.filter((p) => !p.page.isClosed()).map(async (p) => ({ p, record: await rtcRecord(p.page) })),
    );
    // Pages closed earlier: their frames still count (the WebSocket carried every SDP they got).
    const sdpsFromFrames = people.flatMap((p) =>
      p.frames
        .map((f) => (f as { sdp?: unknown }).sdp)
        .filter((sdp): sdp is string => typeof sdp === 'string'),
    );
    const localCandidates = new Set(byPage.flatMap(({ record }) => record.localCandidates.map(endpoint)));
    const received = [...sdpsFromFrames, ...byPage.flatMap(({ record }) => record.remoteSdps)].flatMap(
      (sdp) => sdp.split('\r\n').filter((line) => line.startsWith('a=candidate:')),
    );
    received.push(...byPage.flatMap(({ record }) => record.remoteCandidates));
    expect(sdpsFromFrames.length).toBeGreaterThan(5);
    expect(received.length).toBeGreaterThan(0);
    for (const line of received) {
      const [address, port, type] = parse(line);
      // The media server's own address and media ports, or a TURN relay: nothing else.
      if (type !== 'relay') {
        expect(address).toBe(MEDIA_ADDRESS);
        expect(port).toBeGreaterThanOrEqual(RTP_PORTS.min);
        expect(port).toBeLessThanOrEqual(RTP_PORTS.max);
      }
      expect(localCandidates.has(`${address}:${port}`)).toBe(false);
    }
  });
});

/** address, port and type of a candidate line. */
function parse(line: string): [string, number, string] {
  const parts = line.replace(/^a=/, '').split(' ');
  return [parts[4]!, Number(parts[5]), parts[7]!];
}

function endpoint(line: string): string {
  const [address, port] = parse(line);
  return `${address}:${port}`;
}

describe.skipIf(!CHROMIUM)('without Janus, live media is off and says so; the chat works', () => {
  it('[V1][V2] the room tells how to turn webcam and voice on; messages still go through', async () => {
    const server = await startSalon({ live: { mode: 'auto', janus: '/nonexistent/janus' } });
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext()).newPage();
      await enterSalon(page, server.url, 'Sans_janus');
      await joinRoom(page, 'general');
      const notice = page.getByTestId('live-unavailable');
      await notice.waitFor();
      expect(await notice.textContent()).toContain('Janus');
      expect(await page.getByTestId('cam-start').count()).toBe(0);
      await sendMessage(page, 'Le chat marche sans Janus');
      await expect.poll(() => messageTexts(page)).toContain('Le chat marche sans Janus');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
