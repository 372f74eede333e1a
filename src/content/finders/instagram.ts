/** Instagram profiles: no cover, but the header's profile picture; posts come from the generic finder. */
import type {SiteFinder} from './finder.js';

export const instagram: SiteFinder = {
  cover: [],
  avatar: ['header img[alt*="profile picture" i]', 'header canvas + span img', 'header img'],
};
