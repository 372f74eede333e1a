/**
 * Rows of a TSV file, streamed: the Unsplash Dataset Full's photos.tsv files run to gigabytes, more
 * than one string can hold. Fields may be quoted ("a ""b"" c", tabs and newlines inside), as the
 * Python csv writer that made the dataset writes them.
 */
import {createReadStream} from 'node:fs';

/** Each row as an object keyed by the header row's names. */
export async function* tsvRows(path: string): AsyncGenerator<Record<string, string>> {
  let header: string[] | undefined;
  for await (const record of tsvRecords(path)) {
    if (!header) header = record.map((h) => h.trim());
    else yield Object.fromEntries(header.map((h, i) => [h, record[i] ?? '']));
  }
}

async function* tsvRecords(path: string): AsyncGenerator<string[]> {
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let fieldStart = true;
  let pendingQuote = false;
  for await (const chunk of createReadStream(path, {encoding: 'utf8', highWaterMark: 1 << 20})) {
    const text = chunk as string;
    const out: string[][] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (pendingQuote) {
        // A quote inside a quoted field: doubled means a literal quote, anything else ends the quotes.
        pendingQuote = false;
        if (c === '"') {
          field += '"';
          continue;
        }
        quoted = false;
      }
      if (quoted) {
        if (c === '"') pendingQuote = true;
        else field += c;
      } else if (c === '"' && fieldStart) {
        quoted = true;
        fieldStart = false;
      } else if (c === '\t') {
        record.push(field);
        field = '';
        fieldStart = true;
      } else if (c === '\n' || c === '\r') {
        if (c === '\n' || text[i + 1] !== '\n') {
          record.push(field);
          if (record.some((f) => f !== '')) out.push(record);
          record = [];
          field = '';
          fieldStart = true;
        }
      } else {
        field += c;
        fieldStart = false;
      }
    }
    yield* out;
  }
  record.push(field);
  if (record.some((f) => f !== '')) yield record;
}
