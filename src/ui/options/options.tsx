/** Options: sensitivity, automatic scanning per site and on every site, history retention, indexes in use. */
import {useEffect, useState} from 'preact/hooks';
import {SITE_IDS, SITE_NAMES} from '../../shared/sites.js';
import {RETENTION_CHOICES, type Settings} from '../../shared/storage-schema.js';
import {api} from '../api.js';
import {t} from '../i18n.js';
import {AllSitesSection} from './all-sites-section.js';
import {IndexesSection} from './indexes-section.js';

export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void api('getSettings', {}).then(setSettings);
  }, []);
  if (!settings) return null;

  const save = async (patch: Partial<Settings>) => {
    setSettings(await api('setSettings', {settings: patch}));
    setSaved(true);
  };

  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <label>
        <h2>{t('sensitivity')}: <output>{Math.round(settings.threshold * 100)}%</output></h2>
        <input type="range" name="threshold" min={5} max={99} value={Math.round(settings.threshold * 100)}
          onChange={(e) => save({threshold: Number(e.currentTarget.value) / 100})} />
        <p class="muted">{t('sensitivityHelp')}</p>
      </label>
      <fieldset>
        <legend>{t('autoScan')}</legend>
        {SITE_IDS.map((id) => (
          <label key={id} style={{display: 'block'}}>
            <input type="checkbox" name={`autoScan-${id}`} checked={settings.autoScan[id]}
              onChange={(e) => save({autoScan: {...settings.autoScan, [id]: e.currentTarget.checked}})} /> {SITE_NAMES[id]}
          </label>
        ))}
      </fieldset>
      <AllSitesSection />
      <label>
        <h2>{t('retention')}</h2>
        <select name="retention" value={settings.retentionDays} onChange={(e) => save({retentionDays: Number(e.currentTarget.value)})}>
          {RETENTION_CHOICES.map((d) => <option key={d} value={d}>{t('retentionDays', [d])}</option>)}
        </select>
      </label>
      <IndexesSection />
      {saved && <p class="muted" role="status">{t('saved')}</p>}
    </main>
  );
}
