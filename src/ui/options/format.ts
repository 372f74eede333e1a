/** Sizes and dates in the index list, in the UI's language. */
export function formatSize(bytes: number, locale: string): string {
  const mb = bytes >= 1e6;
  return new Intl.NumberFormat(locale, {style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1})
    .format(mb ? bytes / 1e6 : Math.max(0.1, bytes / 1e3));
}

export const formatDate = (ms: number | undefined, locale: string) => (ms ? new Date(ms).toLocaleDateString(locale) : '—');
