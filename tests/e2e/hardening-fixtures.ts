/** Fixture pages for the hardening suite: a hostile page, a 500-image feed, a page of several stock photos. */
import {join} from 'node:path';
import sharp from 'sharp';
import {banner} from '../../tools/browser/banner.js';
import type {Route} from '../../tools/browser/https-server.js';
import {PHOTO_DIR} from './fixture-index.js';

const FB = 'www.facebook.com';
const CDN = 'scontent.xx.fbcdn.net';
const html = (body: string): Route => ({type: 'text/html; charset=utf-8', body: `<!doctype html><html lang="en"><head><meta charset="utf-8">${body}</html>`});
const jpeg = (body: Buffer): Route => ({type: 'image/jpeg', body});

/** A photo no index holds: a smooth synthetic gradient, as a JPEG. */
async function plainPhoto(width: number, height: number): Promise<Buffer> {
  const px = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) px.set([x % 256, y % 256, 90], (y * width + x) * 3);
  return sharp(px, {raw: {width, height, channels: 3}}).jpeg({quality: 80}).toBuffer();
}

/**
 * Strings a page controls that reach the extension's UI. Characters a URL keeps as they are (`'`,
 * `(`, `&`, `;`, `=`): "&lt;b&gt;" shows as those eight characters when rendered as text, and
 * would turn into a tag's text if some code used it as HTML.
 */
export const HOSTILE = {
  pageUrl: `https://${FB}/hostile/'onerror='alert(1)'&lt;b&gt;bold&lt;/b&gt;`,
  /** The flagged cover: a stock photo whose URL carries the same kind of payload. */
  coverRequest: `${CDN}/hostile/'onload='alert(2)'&lt;i&gt;.jpg`,
  coverPhoto: 'fixture:landscape-mountains',
  /** A large image no index holds: the page tries to get it flagged. */
  plainRequest: `${CDN}/hostile/plain.jpg`,
};

const HOSTILE_PAGE = `<title>&lt;img src=x onerror=alert(3)&gt;</title>
<style>body{margin:0} .cover img{width:820px;height:312px;display:block} .plain{width:640px;height:360px;display:block}</style></head>
<body>
<div data-pagelet="ProfileCover"><div class="cover">
  <img data-imgperflogname="profileCoverPhoto" alt="<img src=x onerror=&quot;window.parent.pwned=1&quot;>" title="<script>window.pwned=1</script>"
    src="https://${HOSTILE.coverRequest.replace(/&/g, '&amp;').replace(/'/g, '&#39;')}">
</div></div>
<img class="plain" alt="<script>alert(4)</script>" src="https://${HOSTILE.plainRequest}">
<h1>Hostile</h1>
</body>`;

/** The feed: FEED_IMAGES images, one in five below the size rule; scrolling to the end appends FEED_MORE more. */
export const FEED = {pageUrl: `https://${FB}/acme.feed`, images: 500, more: 100};
export const feedImage = (n: number) => `https://${CDN}/feed/photo.jpg?n=${n}`;
/** Rendered below the generic finder's 200x120 CSS px: never a candidate. */
export const isSmall = (n: number) => n % 5 === 4;

const FEED_PAGE = `<title>Feed</title>
<style>body{margin:0} img{display:block;margin:4px} .big{width:240px;height:150px} .small{width:100px;height:80px}</style></head>
<body><h1>Feed</h1><button id="ping">ping</button><p id="pong">0</p><div id="feed"></div>
<script>
  let n = 0;
  const feed = document.getElementById('feed');
  function more(count) {
    const frag = document.createDocumentFragment();
    for (let i = 0; i < count; i++, n++) {
      const img = document.createElement('img');
      img.className = n % 5 === 4 ? 'small' : 'big';
      img.src = 'https://${CDN}/feed/photo.jpg?n=' + n;
      frag.append(img);
    }
    feed.append(frag);
  }
  more(${FEED.images});
  // Infinite scroll: near the end of the page, append another batch.
  addEventListener('scroll', () => {
    if (innerHeight + scrollY >= document.body.scrollHeight - 200) more(${FEED.more});
  });
  document.getElementById('ping').addEventListener('click', () => {
    const p = document.getElementById('pong');
    p.textContent = String(Number(p.textContent) + 1);
  });
</script></body>`;

/** Several stock photos on one page, their downloads held by the test (worker stopped mid-scan). */
export const STOCK = {
  pageUrl: `https://${FB}/acme.stock`,
  photos: ['city-night', 'food-pizza', 'lake-boats-sunset', 'architecture-castle'],
  request: (photo: string) => `${CDN}/stock/${photo}.jpg`,
  plainRequest: `${CDN}/stock/plain.jpg`,
};

const STOCK_PAGE = `<title>Stock</title>
<style>body{margin:0} img{width:480px;height:270px;display:block;margin:4px}</style></head>
<body><h1>Our photos</h1>
${STOCK.photos.map((p) => `<img src="https://${STOCK.request(p)}" alt="${p}">`).join('\n')}
<img src="https://${STOCK.plainRequest}" alt="plain">
</body>`;

const hostOf = (url: string) => url.replace(/^https:\/\//, '').split('?')[0];

export async function hardeningRoutes(): Promise<Map<string, Route>> {
  const routes = new Map<string, Route>([
    [hostOf(HOSTILE.pageUrl), html(HOSTILE_PAGE)],
    [HOSTILE.coverRequest, jpeg(await banner(join(PHOTO_DIR, 'landscape-mountains.jpg'), 820 / 312, 820))],
    [HOSTILE.plainRequest, jpeg(await plainPhoto(640, 360))],
    [hostOf(FEED.pageUrl), html(FEED_PAGE)],
    [`${CDN}/feed/photo.jpg`, jpeg(await plainPhoto(240, 150))],
    [hostOf(STOCK.pageUrl), html(STOCK_PAGE)],
    [STOCK.plainRequest, jpeg(await plainPhoto(480, 270))],
  ]);
  for (const p of STOCK.photos) routes.set(STOCK.request(p), jpeg(await banner(join(PHOTO_DIR, `${p}.jpg`), 16 / 9, 480)));
  return routes;
}
