import {beforeAll, describe, expect, it, vi} from 'vitest';
import {decodeImage} from '../cli/decode.js';
import {decodeIndex} from '../core/index-file.js';
import {Matcher} from '../core/matcher.js';
import {join} from 'node:path';
import {buildFixtureIndex, PHOTO_DIR} from '../../tests/e2e/fixture-index.js';
import {banner} from '../../tools/browser/banner.js';
import {createChecker, type CheckDeps} from './check-image.js';
import {indexSearch} from './index-search.js';
import {ImageDecodeError, ImageSkipped} from './image-decode.js';

let matcher: Matcher;
const images = new Map<string, Buffer>();

beforeAll(async () => {
  matcher = new Matcher(decodeIndex(await buildFixtureIndex()));
  images.set('https://scontent.xx.fbcdn.net/cover.jpg', await banner(join(PHOTO_DIR, 'landscape-mountains.jpg'), 820 / 312, 820));
  // Not in the index: a band of the photo flipped upside down is a different picture.
  images.set('https://scontent.xx.fbcdn.net/other.jpg', await (await import('sharp')).default(images.get('https://scontent.xx.fbcdn.net/cover.jpg')!).flip().toBuffer());
}, 60_000);

function deps(threshold = 0.5) {
  const d = {
    fetchImage: vi.fn(async (url: string) => new Blob([new Uint8Array(images.get(url) ?? [])])),
    decode: async (blob: Blob) => decodeImage(Buffer.from(await blob.arrayBuffer())),
    search: async () => indexSearch(matcher.set, matcher, []),
    threshold: async () => threshold,
  } satisfies CheckDeps;
  return d;
}

describe('checkImage', () => {
  it('flags a cover cut from an indexed stock photo, with its metadata and region', async () => {
    const check = createChecker(deps());
    const flag = await check('https://scontent.xx.fbcdn.net/cover.jpg', 'https://www.facebook.com/acme', 'cover');
    expect(flag).toMatchObject({meta: {id: 'fixture:landscape-mountains'}, slot: 'cover', pageUrl: 'https://www.facebook.com/acme'});
    expect(flag!.score).toBeGreaterThan(0.5);
    // The band is the full width of the 480 px photo.
    expect(flag!.region[2]).toBeGreaterThan(400);
  });
  it('answers null for an image that is not in the index', async () => {
    expect(await createChecker(deps())('https://scontent.xx.fbcdn.net/other.jpg', 'p', 'other')).toBeNull();
  });
  it('reports a failed download, and tries again when asked again', async () => {
    const d = deps();
    d.fetchImage.mockRejectedValueOnce(new Error('offline'));
    const check = createChecker(d);
    await expect(check('https://scontent.xx.fbcdn.net/cover.jpg', 'a', 'cover')).rejects.toThrow('offline');
    await expect(check('https://scontent.xx.fbcdn.net/cover.jpg', 'a', 'cover')).resolves.not.toBeNull();
  });
  it('answers a skipped image (icon, SVG) with null, and a refused one with its reason', async () => {
    const d = {
      ...deps(),
      decode: async (blob: Blob) => {
        const text = await blob.text();
        if (text === 'svg') throw new ImageSkipped('SVG drawing, not a photo');
        throw new ImageDecodeError('image too large (30000x30000, over 40 megapixels)');
      },
      fetchImage: async (url: string) => new Blob([url.endsWith('.svg') ? 'svg' : 'bomb']),
    };
    const check = createChecker(d);
    await expect(check('https://scontent.xx.fbcdn.net/logo.svg', 'p', 'other')).resolves.toBeNull();
    await expect(check('https://scontent.xx.fbcdn.net/bomb.png', 'p', 'other')).rejects.toThrow('image too large (30000x30000');
  });
  it('uses a download started ahead (while the indexes load) instead of fetching again', async () => {
    const d = deps();
    const check = createChecker(d);
    check.prefetch('https://scontent.xx.fbcdn.net/cover.jpg');
    check.prefetch('https://scontent.xx.fbcdn.net/cover.jpg');
    expect(d.fetchImage).toHaveBeenCalledTimes(1);
    expect((await check('https://scontent.xx.fbcdn.net/cover.jpg', 'p', 'cover'))?.meta.id).toBe('fixture:landscape-mountains');
    expect(d.fetchImage).toHaveBeenCalledTimes(1);
    // Taken once: asked again later (a new version), the image is downloaded again.
    await check('https://scontent.xx.fbcdn.net/cover.jpg', 'p', 'cover');
    expect(d.fetchImage).toHaveBeenCalledTimes(2);
  });
  it('does not let a stalled download hold up the other images', async () => {
    const d = deps();
    d.fetchImage.mockImplementationOnce(() => new Promise<Blob>(() => undefined)); // never answers
    const check = createChecker(d);
    const stalled = check('https://scontent.xx.fbcdn.net/stalled.jpg', 'p', 'other');
    const flag = await check('https://scontent.xx.fbcdn.net/cover.jpg', 'p', 'cover');
    expect(flag?.meta.id).toBe('fixture:landscape-mountains');
    expect(await Promise.race([stalled.then(() => 'answered'), Promise.resolve('pending')])).toBe('pending');
  });
});
