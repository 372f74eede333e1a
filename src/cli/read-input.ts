/** The bytes of one `check` input: a local file, or an http(s) URL fetched with bounds. */
import {readFile} from 'node:fs/promises';

/** Inputs larger than this are refused: no stock cover or avatar comes near it. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;
export const FETCH_TIMEOUT_MS = 20_000;

export async function readInput(input: string): Promise<Buffer> {
  if (/^https?:\/\//i.test(input)) return fetchBytes(input);
  try {
    const bytes = await readFile(input);
    if (bytes.length === 0) throw new Error('empty file');
    if (bytes.length > MAX_INPUT_BYTES) throw new Error(`file larger than ${MAX_INPUT_BYTES / 1048576} MB`);
    return bytes;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error('no such file');
    if (code === 'EISDIR') throw new Error('is a folder, not an image');
    if (code === 'EACCES') throw new Error('permission denied');
    throw err;
  }
}

async function fetchBytes(url: string): Promise<Buffer> {
  let res: Response;
  try {
    res = await fetch(url, {signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow'});
  } catch (err) {
    const e = err as Error & {cause?: Error};
    if (e.name === 'TimeoutError') throw new Error(`no answer within ${FETCH_TIMEOUT_MS / 1000} s`);
    throw new Error(`fetch failed: ${e.cause?.message ?? e.message}`);
  }
  if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_INPUT_BYTES) throw new Error(`response larger than ${MAX_INPUT_BYTES / 1048576} MB`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body ?? []) {
    total += chunk.length;
    if (total > MAX_INPUT_BYTES) throw new Error(`response larger than ${MAX_INPUT_BYTES / 1048576} MB`);
    chunks.push(chunk);
  }
  if (total === 0) throw new Error('empty response');
  return Buffer.concat(chunks);
}
