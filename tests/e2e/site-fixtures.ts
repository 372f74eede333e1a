/** The fixture web: each site's page under its real host, and its images under the real CDN hosts. */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {banner as cut, gradientAvatar} from '../../tools/browser/banner.js';
import type {Route} from '../../tools/browser/https-server.js';
import {PHOTO_DIR} from './fixture-index.js';

export interface SiteCase {
  site: string;
  pageUrl: string;
  /** The indexed photo the cover was cut from. */
  photoId: string;
  /** Request that proves the right image variant was fetched. */
  coverRequest: string;
}

export const SITES: SiteCase[] = [
  {site: 'facebook', pageUrl: 'https://www.facebook.com/acmebakery', photoId: 'fixture:landscape-mountains', coverRequest: 'scontent.xx.fbcdn.net/v/t39.30808-6/cover.jpg'},
  {site: 'x', pageUrl: 'https://x.com/acme', photoId: 'fixture:city-night', coverRequest: 'pbs.twimg.com/profile_banners/42/1500x500'},
  {site: 'linkedin', pageUrl: 'https://www.linkedin.com/company/acme/', photoId: 'fixture:lake-boats-sunset', coverRequest: 'media.licdn.com/dms/image/v2/cover/company-background_10000/0/1'},
  // The srcset's widest candidate (2120w) must be the one fetched.
  {site: 'youtube', pageUrl: 'https://www.youtube.com/@acme', photoId: 'fixture:food-pizza', coverRequest: 'yt3.googleusercontent.com/banner=w2120-fcrop64'},
];

/** A site outside the manifest's matches, scanned only when the user clicks the toolbar button. */
export const OTHER_SITE = {
  pageUrl: 'https://blog.acmebakery.example/our-story',
  photoId: 'fixture:architecture-castle',
  imageRequest: 'blog.acmebakery.example/images/castle.jpg',
};

const banner = (photo: string, aspect: number, width: number) => cut(join(PHOTO_DIR, photo), aspect, width);

export async function fixtureRoutes(): Promise<Map<string, Route>> {
  const page = (name: string): Route => ({type: 'text/html; charset=utf-8', body: readFileSync(join(import.meta.dirname, 'pages', name))});
  const jpeg = (body: Buffer): Route => ({type: 'image/jpeg', body});
  const png: Route = {type: 'image/png', body: await gradientAvatar()};
  const host = (url: string) => url.replace(/^https:\/\//, '');
  return new Map<string, Route>([
    [host(SITES[0].pageUrl), page('facebook.html')],
    [SITES[0].coverRequest, jpeg(await banner('landscape-mountains.jpg', 820 / 312, 820))],
    ['scontent.xx.fbcdn.net/v/t39.30808-1/avatar.png', png],
    [host(SITES[1].pageUrl), page('x.html')],
    [SITES[1].coverRequest, jpeg(await banner('city-night.jpg', 3, 1500))],
    ['pbs.twimg.com/profile_images/42/avatar_400x400.png', png],
    [host(SITES[2].pageUrl), page('linkedin.html')],
    [SITES[2].coverRequest, jpeg(await banner('lake-boats-sunset.jpg', 1128 / 191, 1128))],
    ['media.licdn.com/dms/image/v2/logo/company-logo_200_200/0/1', png],
    [host(SITES[3].pageUrl), page('youtube.html')],
    ['yt3.googleusercontent.com/banner=w1060-fcrop64', jpeg(await banner('food-pizza.jpg', 6.2, 1060))],
    ['yt3.googleusercontent.com/banner=w1707-fcrop64', jpeg(await banner('food-pizza.jpg', 6.2, 1707))],
    [SITES[3].coverRequest, jpeg(await banner('food-pizza.jpg', 6.2, 2120))],
    ['yt3.googleusercontent.com/avatar=s160', png],
    [host(OTHER_SITE.pageUrl), page('other-site.html')],
    [OTHER_SITE.imageRequest, jpeg(await banner('architecture-castle.jpg', 16 / 9, 1280))],
    ['blog.acmebakery.example/images/logo.png', png],
  ]);
}
