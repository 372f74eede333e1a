import {beforeAll, describe, expect, it} from 'vitest';
import sharp from 'sharp';
import {decodeImage} from '../../src/cli/decode.js';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {fingerprintPhoto, prepareQuery, type QueryPrint} from '../../src/core/fingerprint.js';
import {DEFAULT_THRESHOLD, Matcher} from '../../src/core/matcher.js';
import type {PhotoSet} from '../../src/core/photo-set.js';
import type {Similarity} from '../../src/core/similarity.js';
import {refine, REFINE_ROUNDS, restarts, verifyAt, type Verdict} from '../../src/core/verify.js';
import {cutBanner, fixtureBytes, fixtureImage} from './photo-helpers.js';

const NAME = 'city-night.jpg';
const [BW, BH, ZOOM, FX, FY] = [1500, 500, 1.1, 0.3, 0.6];
let set: PhotoSet;
let matcher: Matcher;
let q: QueryPrint;
let truth: Similarity;

beforeAll(async () => {
  set = buildPhotoSet([fingerprintPhoto(await fixtureImage(NAME))], [{id: NAME}]);
  matcher = new Matcher(set);
  q = prepareQuery(await decodeImage(await cutBanner(NAME, BW, BH, ZOOM, FX, FY)));
  // The same geometry as cutBanner: the photo resized to sw x sh, then the strip cut at (left, top).
  const {width = 0, height = 0} = await sharp(fixtureBytes(NAME)).metadata();
  const s = Math.max(BW / width, BH / height) * ZOOM;
  const [sw, sh] = [Math.round(width * s), Math.round(height * s)];
  const toWork = set.workW[0] / width;
  truth = {scale: (toWork * (width / sw) * BW) / q.workW, dx: (toWork * Math.floor((sw - BW) * FX) * width) / sw, dy: (toWork * Math.floor((sh - BH) * FY) * height) / sh};
});

const confidence = (v: Verdict) => matcher.confidence(0, v);

/** `truth` scaled by `factor` about the query's centre, which stays where it truly is: the seed's pivot. */
function offScale(factor: number) {
  const [qx, qy] = [q.workW / 2, q.workH / 2];
  const pivot = {px: truth.dx + truth.scale * qx, py: truth.dy + truth.scale * qy, qx, qy};
  const scale = truth.scale * factor;
  return {seed: {scale, dx: pivot.px - scale * qx, dy: pivot.py - scale * qy}, pivot};
}

describe('refine', () => {
  it('passes at the transform the strip was cut with', () => {
    expect(confidence(refine(set, 0, q, truth))).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it.each([0.8, 1.2])('brings back a seed %fx off in scale through its pivot, which refinement alone cannot', (factor) => {
    const {seed, pivot} = offScale(factor);
    expect(confidence(refine(set, 0, q, seed))).toBeLessThan(DEFAULT_THRESHOLD);
    const rescued = refine(set, 0, q, seed, {pivot, place: (t) => t});
    expect(confidence(rescued)).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(Math.abs(Math.log(rescued.transform.scale / truth.scale))).toBeLessThan(0.05);
  });
});

describe('restarts', () => {
  it.each([0.8, 1.2])('bring a verdict refined from a seed %fx off in scale, which agrees only in part, to the truth', (factor) => {
    const stuck = verifyAt(set, 0, q, refine(set, 0, q, offScale(factor).seed).transform);
    expect(confidence(stuck)).toBeLessThan(DEFAULT_THRESHOLD);
    expect(stuck.agreeing).toBeGreaterThan(1);
    const best = Math.max(...restarts(set, 0, q, stuck, (t) => t, REFINE_ROUNDS).map(confidence));
    expect(best).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });

  it('are none for a verdict no window agrees with', () => {
    const atTruth = verifyAt(set, 0, q, truth);
    expect(atTruth.windows.length).toBeGreaterThan(10);
    const none = {...atTruth, distances: atTruth.distances.map(() => 64), fineDistances: atTruth.fineDistances.map(() => 16)};
    expect(restarts(set, 0, q, none, (t) => t, REFINE_ROUNDS)).toEqual([]);
  });

  it('run for a verdict under the caller\'s stricter threshold, not only under the default', () => {
    const atDefault = matcher.verdicts(q);
    // The strip is found at the default: no verdict is restarted.
    expect(Math.max(...atDefault.map((v) => v.score))).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    const strict = matcher.verdicts(q, 1);
    // Under a threshold no verdict reaches, the same refined verdicts come, each with its restarts.
    expect(strict.length).toBeGreaterThan(atDefault.length);
    for (const v of atDefault) expect(strict.map((s) => s.score)).toContain(v.score);
  });
});
