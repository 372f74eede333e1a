/** Options: the switch that asks for access to every site, so pages of any site are checked as they load. */
import {useEffect, useState} from 'preact/hooks';
import {browser} from '../../shared/browser.js';
import {t} from '../i18n.js';
import {ALL_SITES} from '../../shared/sites.js';
import {setAllSites, type PermissionsSeam} from './all-sites.js';

export function AllSitesSection({permissions = browser.permissions as PermissionsSeam}: {permissions?: PermissionsSeam}) {
  const [on, setOn] = useState<boolean | null>(null);
  const [denied, setDenied] = useState(false);
  useEffect(() => {
    // Also follows changes made elsewhere (the browser's own site-access settings).
    const refresh = () => void permissions.contains(ALL_SITES).then(setOn, () => setOn(false));
    refresh();
    permissions.onAdded.addListener(refresh);
    permissions.onRemoved.addListener(refresh);
    return () => {
      permissions.onAdded.removeListener(refresh);
      permissions.onRemoved.removeListener(refresh);
    };
  }, [permissions]);
  if (on === null) return null;

  const change = async (e: Event) => {
    const box = e.currentTarget as HTMLInputElement;
    const wanted = box.checked;
    const held = await setAllSites(permissions, wanted);
    // Set on the element too: a refused prompt leaves the state as it was, so no render would
    // untick the box the click ticked.
    box.checked = held;
    setDenied(wanted && !held);
    setOn(held);
  };

  return (
    <fieldset>
      <label>
        <input type="checkbox" name="allSites" checked={on} onChange={change} /> {t('allSites')}
      </label>
      <p class="muted">{t('allSitesHelp')}</p>
      {denied && <p class="error" role="alert">{t('allSitesDenied')}</p>}
    </fieldset>
  );
}
