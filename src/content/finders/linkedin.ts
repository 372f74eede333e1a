/** LinkedIn company pages and profiles: the top-card cover and logo / profile picture. */
import type {SiteFinder} from './finder.js';

export const linkedin: SiteFinder = {
  cover: [
    'img.org-top-card-primary-content__cover',
    '.org-cropped-image__cover-img',
    '.profile-background-image img',
    '#profile-background-image-target-image',
  ],
  avatar: ['img.org-top-card-primary-content__logo', 'img.pv-top-card-profile-picture__image', '.org-top-card-primary-content__logo-container img'],
};
