/** Options: the list of indexes, importing a file, subscribing to an HTTPS address. */
import {useEffect, useState} from 'preact/hooks';
import {browser} from '../../shared/browser.js';
import {DEFAULT_UPDATE_DAYS, originPattern, parseSha256, parseSubscriptionUrl} from '../../shared/index-registry.js';
import type {IndexInfo} from '../../shared/protocol.js';
import {api} from '../api.js';
import {t} from '../i18n.js';
import {IndexRow, PERIODS} from './index-row.js';
import {releaseOrigin} from './release-origin.js';
import {stageFile} from './stage-file.js';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function IndexesSection() {
  const [indexes, setIndexes] = useState<IndexInfo[]>([]);
  /** Index ids with an action running, and the last error per id ('import', 'subscribe' for the forms). */
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [url, setUrl] = useState('');
  const [sha256, setSha256] = useState('');
  const [days, setDays] = useState(DEFAULT_UPDATE_DAYS);
  useEffect(() => void api('getIndexes', {}).then(setIndexes, (err) => setErrors({list: message(err)})), []);

  async function run(id: string, work: () => Promise<IndexInfo[]>): Promise<boolean> {
    setBusy((b) => new Set(b).add(id));
    setErrors(({[id]: _dropped, ...rest}) => rest);
    try {
      setIndexes(await work());
      return true;
    } catch (err) {
      setErrors((e) => ({...e, [id]: message(err)}));
      return false;
    } finally {
      setBusy((b) => {
        const next = new Set(b);
        next.delete(id);
        return next;
      });
    }
  }

  async function importFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    await run('import', async () => api('importIndex', {stagedKey: await stageFile(file), name: file.name}));
    input.value = '';
  }

  async function subscribe(e: Event) {
    e.preventDefault();
    let href: string;
    try {
      href = parseSubscriptionUrl(url).href;
    } catch {
      return setErrors((x) => ({...x, subscribe: t('indexUrlInvalid')}));
    }
    try {
      parseSha256(sha256);
    } catch {
      return setErrors((x) => ({...x, subscribe: t('indexSha256Invalid')}));
    }
    // First await of the click: the permission prompt needs the user's gesture.
    const granted = await browser.permissions.request({origins: [originPattern(href)]}).catch(() => false);
    if (!granted) return setErrors((x) => ({...x, subscribe: t('indexPermissionDenied', [new URL(href).host])}));
    const ok = await run('subscribe', () => api('subscribeIndex', {url: href, sha256: sha256.trim() || undefined, updateDays: days}));
    if (ok) {
      setUrl('');
      setSha256('');
    }
  }

  return (
    <section class="indexes">
      <h2>{t('indexes')}</h2>
      {errors.list && <p class="error">{errors.list}</p>}
      <table>
        <thead>
          <tr><th>{t('indexColName')}</th><th>{t('indexColSource')}</th><th>{t('indexColPhotos')}</th><th>{t('indexColDate')}</th><th>{t('indexColSize')}</th><th /></tr>
        </thead>
        <tbody>
          {indexes.map((i) => (
            <IndexRow key={i.id} info={i} busy={busy.has(i.id)} error={errors[i.id]} act={{
              setEnabled: (enabled) => {
                // The box shows the click at once (a re-render before the worker's answer put the old
                // state back under the pointer); the answer's list replaces it, a failure turns it back.
                const show = (on: boolean) => setIndexes((list) => list.map((x) => (x.id === i.id ? {...x, enabled: on} : x)));
                show(enabled);
                void run(i.id, () => api('setIndexEnabled', {id: i.id, enabled})).then((ok) => ok || show(!enabled));
              },
              setUpdateDays: (d) => void run(i.id, () => api('setIndexUpdateDays', {id: i.id, days: d})),
              update: () => void run(i.id, () => api('updateIndex', {id: i.id})),
              remove: () => {
                if (!confirm(t('confirmRemoveIndex', [i.name]))) return;
                void run(i.id, async () => {
                  const left = await api('removeIndex', {id: i.id});
                  await releaseOrigin(i.url, left, browser.permissions);
                  return left;
                });
              },
            }} />
          ))}
        </tbody>
      </table>
      <h3>{t('indexImport')}</h3>
      <input type="file" class="index-import" accept=".cliche,application/octet-stream" disabled={busy.has('import')}
        onChange={(e) => void importFile(e.currentTarget)} />
      {busy.has('import') && <span class="muted" role="status"> {t('indexWorking')}</span>}
      {errors.import && <p class="error import-error">{t('indexImportFailed', [errors.import])}</p>}
      <h3>{t('indexSubscribeTitle')}</h3>
      <form class="index-subscribe" onSubmit={(e) => void subscribe(e)}>
        <input type="url" name="url" required placeholder={t('indexUrl')} aria-label={t('indexUrl')} value={url}
          onInput={(e) => setUrl(e.currentTarget.value)} />
        <input type="text" name="sha256" placeholder={t('indexSha256')} aria-label={t('indexSha256')} value={sha256}
          onInput={(e) => setSha256(e.currentTarget.value)} />
        <select name="updateDays" aria-label={t('indexUpdateEvery')} value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
          {PERIODS.map(([d, label]) => <option key={d} value={d}>{label()}</option>)}
        </select>
        <button type="submit" disabled={busy.has('subscribe')}>{t('indexSubscribe')}</button>
        {busy.has('subscribe') && <span class="muted" role="status"> {t('indexWorking')}</span>}
      </form>
      {errors.subscribe && <p class="error subscribe-error">{t('indexSubscribeFailed', [errors.subscribe])}</p>}
    </section>
  );
}
