import { describe, expect, it } from 'vitest';
import { MB, mediaOptions } from '../test/mediaFakes.js';
import { acceptFor, checkFile, kindOfType, unavailableKinds } from './attach.js';

describe('attaching files (M1)', () => {
  it('[M1] checks the size against the limit of the kind, before any upload', () => {
    const options = mediaOptions();
    expect(checkFile(options, { size: 10 * MB, type: 'image/jpeg' }, 'a.jpg')).toBeNull();
    expect(checkFile(options, { size: 10 * MB + 1, type: 'image/jpeg' }, 'a.jpg')).toEqual({
      code: 'MEDIA_TOO_LARGE',
      name: 'a.jpg',
      size: 10 * MB + 1,
      kind: 'image',
      maxBytes: 10 * MB,
    });
    expect(checkFile(options, { size: 40 * MB, type: 'video/mp4' }, 'v.mp4')).toBeNull();
    // Type unknown to the browser: the largest limit; the server judges the bytes.
    expect(checkFile(options, { size: 40 * MB, type: '' }, 'x')).toBeNull();
    expect(checkFile(options, { size: 60 * MB, type: '' }, 'x')?.code).toBe('MEDIA_TOO_LARGE');
  });

  it('[M1] video and audio are refused at once when the server cannot take them', () => {
    const options = mediaOptions({ video: false, audio: false });
    expect(unavailableKinds(options)).toEqual(['video', 'audio']);
    expect(checkFile(options, { size: 10, type: 'video/webm' }, 'v.webm')).toEqual({
      code: 'MEDIA_UNAVAILABLE',
      name: 'v.webm',
      kind: 'video',
    });
    expect(checkFile(options, { size: 11 * MB, type: '' }, 'x')?.code).toBe('MEDIA_TOO_LARGE');
  });

  it('[M1] the picker accepts only the kinds the server takes', () => {
    const options = { ...mediaOptions(), accept: ['image/jpeg', 'video/mp4', 'audio/ogg'] };
    expect(acceptFor(options)).toBe('image/jpeg,video/mp4,audio/ogg');
    const imagesOnly = { ...mediaOptions({ video: false, audio: false }), accept: options.accept };
    expect(acceptFor(imagesOnly)).toBe('image/jpeg');
    expect(kindOfType('Image/PNG')).toBe('image');
    expect(kindOfType('application/pdf')).toBeNull();
  });
});
