/** Facebook pages and profiles: cover photo (img in the ProfileCover pagelet) and SVG-drawn avatar. */
import type {SiteFinder} from './finder.js';

export const facebook: SiteFinder = {
  cover: [
    'img[data-imgperflogname="profileCoverPhoto"]',
    '[data-pagelet="ProfileCover"] img',
    '[data-pagelet="ProfileCover"] [style*="background-image"]',
  ],
  // The profile picture is an SVG <image> inside a masked circle.
  avatar: ['[data-pagelet="ProfileActions"] svg image', '[data-pagelet="ProfileCover"] svg image', 'svg[aria-label] image'],
};
