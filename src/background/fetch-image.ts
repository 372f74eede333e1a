/** Fetches an image with the extension's host permissions: no cookies, nothing sent but the GET. */

/** Larger responses are refused: no cover or profile image comes near 25 MB. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;
/**
 * Whole download (answer and body): a server that never answers, or stops half-way, gets a clear
 * error instead of a check that never ends. Covers arrive in well under a second on a normal line.
 */
export const FETCH_TIMEOUT_MS = 15_000;

export class ImageFetchError extends Error {
  override name = 'ImageFetchError';
}

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

export async function fetchImage(url: string, fetchFn: typeof fetch = fetch, limits: FetchLimits = {timeoutMs: FETCH_TIMEOUT_MS, maxBytes: MAX_IMAGE_BYTES}): Promise<Blob> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const timedOut = () => new ImageFetchError(`the image server did not answer within ${limits.timeoutMs / 1000} s`);
  const tooLarge = () => new ImageFetchError(`image too large (over ${limits.maxBytes / 1048576} MB)`);
  let res: Response;
  try {
    // credentials omitted: the image is fetched as an anonymous visitor, never with the user's session.
    res = await fetchFn(url, {credentials: 'omit', cache: 'force-cache', redirect: 'follow', signal});
  } catch {
    if (signal.aborted) throw timedOut();
    // Browsers give one opaque TypeError for all of these.
    throw new ImageFetchError(`could not download the image from ${hostOf(url)} (offline, refused, blocked or redirected in a loop)`);
  }
  const refuse = async (err: ImageFetchError) => {
    await res.body?.cancel().catch(() => undefined);
    return err;
  };
  if (!res.ok) throw await refuse(new ImageFetchError(`the image server answered ${res.status}`));
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  if (type && !/^image\/|^application\/octet-stream/i.test(type)) throw await refuse(new ImageFetchError(`not an image (${type})`));
  if (Number(res.headers.get('content-length') ?? 0) > limits.maxBytes) throw await refuse(tooLarge());
  // Read in chunks so an endless or lying body is cut at the cap instead of buffered whole.
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body?.getReader();
  try {
    for (let r = await reader?.read(); r && !r.done; r = await reader!.read()) {
      total += r.value.length;
      if (total > limits.maxBytes) {
        await reader!.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(r.value);
    }
  } catch (err) {
    if (err instanceof ImageFetchError) throw err;
    if (signal.aborted) throw timedOut();
    throw new ImageFetchError(`the download from ${hostOf(url)} broke off`);
  }
  if (total === 0) throw new ImageFetchError('the image server sent an empty answer');
  return new Blob(chunks as BlobPart[], {type});
}
