/**
 * Rows of a TSV file, streamed: the Unsplash Dataset Full's photos.tsv files run to gigabytes, more
 * than one string can hold. Fields may be quoted ("a ""b"" c", tabs and newlines inside), as the
 * Python csv writer that made the dataset writes them.
 */
import {createReadStream} from 'node:fs';

/** Each row as an object keyed by the header row's names. */
export async function* tsvRows(path: string): AsyncGenerator<Record<string, string>> {
  let header: string[] | undefined;
  const parser = new TsvParser();
  const rows = async function* () {
    for await (const chunk of createReadStream(path, {encoding: 'utf8', highWaterMark: 1 << 20})) yield* parser.push(chunk as string);
    yield* parser.end();
  };
  for await (const record of rows()) {
    if (!header) header = record.map((h) => h.trim());
    else yield Object.fromEntries(header.map((h, i) => [h, record[i] ?? '']));
  }
}

/** Character by character, carrying an unfinished field or quote across chunk boundaries. */
class TsvParser {
  private field = '';
  private record: string[] = [];
  private quoted = false;
  private fieldStart = true;
  /** A quote seen inside quotes: the next character tells a doubled quote from the closing one. */
  private pendingQuote = false;
  private out: string[][] = [];

  push(text: string): string[][] {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (this.pendingQuote) {
        this.pendingQuote = false;
        if (c === '"') {
          this.field += '"';
          continue;
        }
        this.quoted = false;
      }
      if (this.quoted) {
        if (c === '"') this.pendingQuote = true;
        else this.field += c;
      } else if (c === '"' && this.fieldStart) this.quoted = true, (this.fieldStart = false);
      else if (c === '\t') this.endField();
      // \r\n ends the row at its \n; a lone \r ends it at once.
      else if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) this.endRecord();
      else if (c !== '\r') this.field += c, (this.fieldStart = false);
    }
    const done = this.out;
    this.out = [];
    return done;
  }

  end(): string[][] {
    this.endRecord();
    return this.out;
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.fieldStart = true;
  }

  private endRecord(): void {
    this.endField();
    if (this.record.some((f) => f !== '')) this.out.push(this.record);
    this.record = [];
  }
}
