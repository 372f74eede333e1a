/**
 * Numbers and dates in the UI's language, with one Intl formatter per locale: building a formatter
 * per call (Intl.NumberFormat, Date.toLocaleString) was the largest JS cost of drawing the popup's
 * history rows (bench:extension profile, 100 rows).
 */
const compactFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** 2100000 -> "2.1M" ("2,1 M" in French), as shared/flag.ts compactNumber. */
export function compact(n: number, locale: string): string {
  let f = compactFormats.get(locale);
  if (!f) compactFormats.set(locale, (f = new Intl.NumberFormat(locale, {notation: 'compact', maximumFractionDigits: 1})));
  return f.format(n);
}

/** Date and time as Date.toLocaleString writes them (its default fields). */
export function dateTime(ms: number, locale: string): string {
  let f = dateFormats.get(locale);
  if (!f) dateFormats.set(locale, (f = new Intl.DateTimeFormat(locale, {year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric'})));
  return f.format(ms);
}
