/** The current tab: each flagged image with its match, or why there is nothing. */
import type {TabResults} from '../../shared/protocol.js';
import {FlagDetails} from '../components/flag-details.js';
import {WebSearch} from '../components/web-search.js';
import {t} from '../i18n.js';

export function TabSection({results, scanning, error, seen}: {results: TabResults | null; scanning: boolean; error: string | null; seen?: Map<string, number>}) {
  const flags = results?.flags ?? [];
  return (
    <section class="tab-results" aria-busy={scanning}>
      <h1>{t('thisPage')}</h1>
      {scanning && <p class="muted">{t('scanning')}</p>}
      {error && <p class="error">{error}</p>}
      {results?.error && <p class="error">{t('checkFailed', [results.error])}</p>}
      {!scanning && !error && flags.length === 0 && <p class="no-flags">{t('noFlagsOnPage')}</p>}
      <ul>
        {flags.map((f) => (
          <li class="entry flag" key={f.imageUrl}>
            <img src={f.imageUrl} alt="" referrerpolicy="no-referrer" />
            <div class="body">
              <p class="muted">{t(`slot_${f.slot}`)}</p>
              <FlagDetails meta={f.meta} score={f.score} pagesSeen={seen?.get(f.meta.id)} />
              <WebSearch imageUrl={f.imageUrl} />
            </div>
          </li>
        ))}
      </ul>
      {results && results.checked > 0 && <p class="muted checked">{t('imagesChecked', [results.checked])}</p>}
    </section>
  );
}
