/**
 * After a subscription is removed, gives back the host permission its address needed, unless
 * another subscription still downloads from that origin: the user granted it for that index only.
 */
import {originPattern} from '../../shared/index-registry.js';
import type {IndexInfo} from '../../shared/protocol.js';

/** The part of browser.permissions this needs; tests pass a fake. */
export interface RemovePermission {
  remove(p: {origins: string[]}): Promise<boolean>;
}

/** Resolves to whether the permission was given back (a required host permission, for one, cannot be). */
export async function releaseOrigin(removedUrl: string | undefined, remaining: IndexInfo[], permissions: RemovePermission): Promise<boolean> {
  if (!removedUrl) return false;
  const origin = originPattern(removedUrl);
  if (remaining.some((i) => i.url && originPattern(i.url) === origin)) return false;
  return permissions.remove({origins: [origin]}).catch(() => false);
}
