/**
 * A large index in Debian's Firefox ESR (the event page, Firefox's IndexedDB Blobs): staged as the
 * options page stages a picked file, imported, opened in place and searched by passes over its
 * stored Blob; with the bundled index disabled, the LinkedIn fixture's cover can only be flagged
 * from it.
 */
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest';
import {decodeImage} from '../../src/cli/decode.js';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {combinePhotoSets} from '../../src/core/combine-photo-sets.js';
import {fingerprintPhoto} from '../../src/core/fingerprint.js';
import {encodeIndex} from '../../src/core/index-file.js';
import {syntheticIndex} from '../bench/synthetic-index.js';
import {fixtureMeta, PHOTO_DIR} from './fixture-index.js';
import {launchFixtureFirefox, type FixtureFirefox} from './firefox-launch.js';
import {SITES} from './site-fixtures.js';

const EXTENSION_ID = 'cliche@cliche-extension.org';
const UUID = '8c2e5a17-4b3d-4f60-a9d1-6e0b7c3f2a54';
const LINKEDIN = SITES[2];
let ff: FixtureFirefox;

beforeAll(async () => {
  // Since Firefox 153, WebDriver may navigate to extension pages only with system access allowed.
  ff = await launchFixtureFirefox({'extensions.webextensions.uuids': JSON.stringify({[EXTENSION_ID]: UUID})}, ['--remote-allow-system-access']);
});
afterAll(async () => {
  await ff?.close();
});

describe('Firefox ESR with a large index', () => {
  it('imports it, searches it in place and flags the cover it holds', async () => {
    // The LinkedIn cover's photo among 1,800 synthetic photos: past 2^18 windows.
    const print = fingerprintPhoto(await decodeImage(join(PHOTO_DIR, 'lake-boats-sunset.jpg')));
    const stock = buildPhotoSet([print], [{...fixtureMeta('lake-boats-sunset.jpg'), id: 'large:lake', library: 'Large Stock'}]);
    const large = Buffer.from(encodeIndex(combinePhotoSets([stock, syntheticIndex(1800, 1, false)])));

    expect(await ff.browser.installExtension(inject('firefoxDir'))).toBe(EXTENSION_ID);
    const options = await ff.browser.newPage();
    // The navigation's load event does not reach WebDriver for extension pages: wait for content instead.
    await options.goto(`moz-extension://${UUID}/src/ui/options/index.html`, {waitUntil: 'domcontentloaded', timeout: 3_000}).catch(() => undefined);
    await options.waitForSelector('tr.index-row', {timeout: 15_000});
    // What the options page does with a picked file (stage-file.ts), then the two requests it sends.
    const answer = await options.evaluate(async (base64: string) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const stagedKey = `staged-${Date.now().toString(36)}-test`;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('cliche-indexes', 1);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('bytes', 'readwrite');
        tx.objectStore('bytes').put(new Blob([bytes]), stagedKey);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      const send = (type: string, req: unknown) => (globalThis as any).browser.runtime.sendMessage({type, req}); // eslint-disable-line @typescript-eslint/no-explicit-any
      await send('setIndexEnabled', {id: 'default', enabled: false});
      return send('importIndex', {stagedKey, name: 'large.cliche'});
    }, large.toString('base64'));
    expect(answer.ok).toBe(true);
    expect(answer.value.find((i: {name: string}) => i.name === 'large.cliche')).toMatchObject({photos: 1801, loaded: true});
    expect(answer.value.find((i: {id: string}) => i.id === 'default')).toMatchObject({enabled: false});

    const page = await ff.browser.newPage();
    await page.goto(LINKEDIN.pageUrl, {waitUntil: 'load'});
    await page.waitForSelector('cliche-overlay', {timeout: 30_000});
    expect(ff.server.requests).toContain(LINKEDIN.coverRequest);
    await page.close();
    await options.close();
  });
});
