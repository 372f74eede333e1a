/** X (Twitter) profiles: the header photo link and the avatar link, img or CSS background. */
import type {SiteFinder} from './finder.js';

export const x: SiteFinder = {
  cover: ['a[href$="/header_photo"] img', 'a[href$="/header_photo"] [style*="background-image"]'],
  avatar: ['a[href$="/photo"] img[src*="profile_images"]', 'a[href$="/photo"] [style*="background-image"]'],
};
