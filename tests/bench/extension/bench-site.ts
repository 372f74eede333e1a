/** The benchmark's web: the demo page, and a feed page with the same cover and 50 other images. */
import sharp from 'sharp';
import type {Route} from '../../../tools/browser/https-server.js';
import {DEMO_URL, demoRoutes} from '../../../tools/demo/demo-site.js';

export const COVER_URL = DEMO_URL;
export const FEED_URL = `${DEMO_URL}/photos`;
/** Other images on the feed page: the generic finder's cap (MAX_GENERIC), its worst case. */
export const OTHER_IMAGES = 50;

/** A distinct flat-noise JPEG per index: large enough (320x200) for the generic finder to check it. */
async function otherImage(i: number): Promise<Buffer> {
  const px = Buffer.alloc(80 * 50 * 3);
  let s = i * 2654435761 + 1;
  for (let k = 0; k < px.length; k++) px[k] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  return sharp(px, {raw: {width: 80, height: 50, channels: 3}}).resize(320, 200).jpeg({quality: 80}).toBuffer();
}

function feedPage(cover: string): string {
  const imgs = Array.from({length: OTHER_IMAGES}, (_, i) =>
    `<img width="320" height="200" alt="" src="https://scontent.xx.fbcdn.net/v/t39.30808-6/post-${i}.jpg">`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Photos | Facebook</title>
<style>body{margin:0;font-family:sans-serif} .cover img{width:940px;height:358px;object-fit:cover} .grid{display:flex;flex-wrap:wrap;gap:4px}</style></head>
<body><div role="main"><div data-pagelet="ProfileCover"><div class="cover"><img data-imgperflogname="profileCoverPhoto" src="${cover}"></div></div>
<h1>Harbour Lights Café: photos</h1><div class="grid">${imgs}</div></div></body></html>`;
}

export async function benchRoutes(): Promise<Map<string, Route>> {
  const routes = await demoRoutes();
  routes.set(FEED_URL.replace(/^https:\/\//, ''), {type: 'text/html; charset=utf-8', body: feedPage('https://scontent.xx.fbcdn.net/v/t39.30808-6/demo-cover.jpg')});
  for (let i = 0; i < OTHER_IMAGES; i++) routes.set(`scontent.xx.fbcdn.net/v/t39.30808-6/post-${i}.jpg`, {type: 'image/jpeg', body: await otherImage(i)});
  return routes;
}
