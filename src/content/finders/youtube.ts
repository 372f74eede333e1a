/** YouTube channels: the page-header banner (srcset img, or the older CSS-background banner). */
import type {SiteFinder} from './finder.js';

export const youtube: SiteFinder = {
  cover: ['yt-image-banner-view-model img', '#page-header-banner img', '#banner img', 'ytd-c4-tabbed-header-renderer #banner'],
  avatar: ['yt-decorated-avatar-view-model img', '#channel-header #avatar img', 'yt-page-header-view-model yt-avatar-shape img'],
};
