/** The demo's web: a Facebook-like page whose cover is cut from a photo in the default index. */
import {readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {banner, gradientAvatar} from '../browser/banner.js';
import type {Route} from '../browser/https-server.js';

export const DEMO_URL = 'https://www.facebook.com/harbourlightscafe';
/** In public/default-index.cliche as Unsplash photo tabler-matt-barrett-339981-1500 (`npx cliche check`). */
export const DEMO_PHOTO = resolve(import.meta.dirname, '../../tests/fixtures/photos/city-night.jpg');
/** Facebook's recommended cover upload size, shown at 940x358 CSS px on the page. */
const COVER = {width: 1640, height: 624};

export async function demoRoutes(): Promise<Map<string, Route>> {
  return new Map<string, Route>([
    [DEMO_URL.replace(/^https:\/\//, ''), {type: 'text/html; charset=utf-8', body: readFileSync(join(import.meta.dirname, 'demo-page.html'))}],
    ['scontent.xx.fbcdn.net/v/t39.30808-6/demo-cover.jpg', {type: 'image/jpeg', body: await banner(DEMO_PHOTO, COVER.width / COVER.height, COVER.width)}],
    ['scontent.xx.fbcdn.net/v/t39.30808-1/demo-avatar.png', {type: 'image/png', body: await gradientAvatar()}],
  ]);
}
