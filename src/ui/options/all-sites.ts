/** The all-sites switch's permission logic, apart from the browser so tests can fake it. */

import {ALL_SITES} from '../../shared/sites.js';

type Perms = {origins: string[]};
type PermissionEvent = {addListener(cb: () => void): void; removeListener(cb: () => void): void};
/** The part of browser.permissions the switch uses; tests pass a fake. */
export interface PermissionsSeam {
  contains(p: Perms): Promise<boolean>;
  request(p: Perms): Promise<boolean>;
  remove(p: Perms): Promise<boolean>;
  onAdded: PermissionEvent;
  onRemoved: PermissionEvent;
}

/**
 * Turns the switch on (asks the browser: must run straight from the user's click, with no await
 * before it, or the browser refuses the prompt) or off (gives the permission back). Resolves to
 * whether the permission is held afterwards, which is what the switch shows.
 */
export async function setAllSites(permissions: PermissionsSeam, on: boolean): Promise<boolean> {
  if (on) return permissions.request(ALL_SITES).catch(() => false);
  await permissions.remove(ALL_SITES).catch(() => false);
  return permissions.contains(ALL_SITES).catch(() => false);
}
