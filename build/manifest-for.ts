/** Turns the one manifest.json (Chrome-flavoured) into each browser's variant. */

export type Target = 'chrome' | 'firefox';

/** Gecko id: stable, so Firefox keeps storage across updates of a self-hosted build. */
export const GECKO_ID = 'cliche@cliche-extension.org';
/** Firefox 140 (ESR) is the first to know data_collection_permissions, now required for new add-ons. */
export const GECKO_MIN_VERSION = '140.0';
export const GECKO_ANDROID_MIN_VERSION = '142.0';

type Manifest = Record<string, unknown> & {background: {service_worker: string; type?: string}};

export function manifestFor(base: Manifest, target: Target, version: string): Record<string, unknown> {
  const manifest: Record<string, unknown> = {...structuredClone(base), version};
  if (target === 'chrome') return manifest;
  // Firefox MV3 has no service workers for extensions: the same module runs as an event page.
  manifest.background = {scripts: [base.background.service_worker], type: 'module'};
  manifest.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: GECKO_MIN_VERSION,
      // Nothing is collected or transmitted: matching runs entirely on the user's machine.
      data_collection_permissions: {required: ['none']},
    },
    gecko_android: {strict_min_version: GECKO_ANDROID_MIN_VERSION},
  };
  return manifest;
}
