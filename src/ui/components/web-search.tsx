/** "Search the web for this image": plain links, so nothing is sent anywhere until the user clicks. */
import {t} from '../i18n.js';

export const SEARCH_ENGINES: {name: string; url: (img: string) => string}[] = [
  {name: 'TinEye', url: (img) => `https://tineye.com/search?url=${encodeURIComponent(img)}`},
  {name: 'Google Lens', url: (img) => `https://lens.google.com/uploadbyurl?url=${encodeURIComponent(img)}`},
  {name: 'Bing', url: (img) => `https://www.bing.com/images/search?view=detailv2&iss=sbi&q=imgurl:${encodeURIComponent(img)}`},
];

export function WebSearch({imageUrl}: {imageUrl: string}) {
  return (
    <p class="web-search">
      {t('searchWeb')}{' '}
      {SEARCH_ENGINES.map((e) => (
        <a key={e.name} href={e.url(imageUrl)} target="_blank" rel="noopener noreferrer">{e.name}</a>
      ))}
    </p>
  );
}
