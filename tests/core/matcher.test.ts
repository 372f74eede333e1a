import {beforeAll, describe, expect, it} from 'vitest';
import sharp from 'sharp';
import {decodeImage} from '../../src/cli/decode.js';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {checkPixels} from '../../src/core/check-pixels.js';
import {fingerprintPhoto, prepareQuery} from '../../src/core/fingerprint.js';
import {Matcher} from '../../src/core/matcher.js';
import {cutBanner, fixtureBytes, fixtureImage, fixtureNames} from './photo-helpers.js';

// Index all fixtures but the last; queries cut from it must match nothing.
const names = fixtureNames();
const indexed = names.slice(0, -1);
const heldOut = names[names.length - 1];
let matcher: Matcher;

beforeAll(async () => {
  const prints = await Promise.all(indexed.map(async (n) => fingerprintPhoto(await fixtureImage(n))));
  matcher = new Matcher(buildPhotoSet(prints, indexed.map((id) => ({id}))));
});

const top = async (bytes: Buffer) => matcher.match(prepareQuery(await decodeImage(bytes)), {limit: 1})[0];

describe('Matcher on real photos', () => {
  it('finds a plain re-post of an indexed photo and reports the whole photo as the region', async () => {
    const name = indexed[2];
    const m = await top(await sharp(fixtureBytes(name)).resize({width: 400}).jpeg({quality: 70}).toBuffer());
    expect(m?.meta.id).toBe(name);
    const {width, height} = await fixtureImage(name);
    expect(m.region[2]).toBeGreaterThan(0.9 * width);
    expect(m.region[3]).toBeGreaterThan(0.9 * height);
  });

  it.each([
    ['Facebook', 820, 312],
    ['X', 1500, 500],
    ['LinkedIn', 1584, 396],
  ])('finds a %s cover strip cut from an indexed photo, with the strip located in the photo', async (_site, w, h) => {
    const name = indexed[5];
    const m = await top(await cutBanner(name, w, h, 1.1, 0.3, 0.7));
    expect(m?.meta.id).toBe(name);
    expect(m.score).toBeGreaterThan(0.5);
    const photo = await fixtureImage(name);
    // The strip spans 1/1.1 of the photo width, so the reported region must too (within 10%).
    expect(m.region[2] / photo.width).toBeGreaterThan(0.8);
    expect(m.region[2] / photo.width).toBeLessThan(1);
  });

  it('finds a square avatar crop of an indexed photo', async () => {
    const name = indexed[7];
    const img = await sharp(fixtureBytes(name)).metadata();
    const side = Math.floor(Math.min(img.width!, img.height!) / 1.4);
    const bytes = await sharp(fixtureBytes(name)).extract({left: 10, top: 5, width: side, height: side}).resize(200, 200).jpeg().toBuffer();
    expect((await top(bytes))?.meta.id).toBe(name);
  });

  it('refines each transform basin of a photo once: no two verdicts of one photo start within 5% of each other', async () => {
    const name = indexed[5];
    const verdicts = matcher.verdicts(prepareQuery(await decodeImage(await cutBanner(name, 1500, 500, 1.1, 0.3, 0.7))));
    const own = verdicts.filter((v) => matcher.set.meta[v.photo].id === name).map((v) => v.verdict.transform);
    expect(own.length).toBeGreaterThan(0);
    for (let i = 0; i < own.length; i++) {
      for (let j = i + 1; j < own.length; j++) {
        const near = Math.abs(Math.log(own[i].scale / own[j].scale)) < 0.01 && Math.abs(own[i].dx - own[j].dx) < 1 && Math.abs(own[i].dy - own[j].dy) < 1;
        expect(near).toBe(false);
      }
    }
  });

  it('flags nothing for covers and crops of a photo that is not indexed', async () => {
    for (const [w, h] of [[820, 312], [1500, 500]]) expect(await top(await cutBanner(heldOut, w, h, 1.2, 0.1, 0.9))).toBeUndefined();
    expect(await top(await sharp(fixtureBytes(heldOut)).resize({width: 300}).toBuffer())).toBeUndefined();
  });

  it('skips icons instead of guessing', async () => {
    const icon = await decodeImage(await sharp(fixtureBytes(indexed[0])).resize(32, 32).png().toBuffer());
    expect(checkPixels(matcher, icon)).toEqual({match: null, skipped: expect.stringMatching(/too small/)});
  });
});
