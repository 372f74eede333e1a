/** Fetches an image with the extension's host permissions: no cookies, nothing sent but the GET. */

/** Larger responses are refused: no cover or profile image comes near 25 MB. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

export class ImageFetchError extends Error {
  override name = 'ImageFetchError';
}

export async function fetchImage(url: string, fetchFn: typeof fetch = fetch): Promise<Blob> {
  let res: Response;
  try {
    // credentials omitted: the image is fetched as an anonymous visitor, never with the user's session.
    res = await fetchFn(url, {credentials: 'omit', cache: 'force-cache', redirect: 'follow'});
  } catch {
    throw new ImageFetchError(`could not download the image (${new URL(url).host})`);
  }
  if (!res.ok) throw new ImageFetchError(`the image server answered ${res.status}`);
  const type = res.headers.get('content-type') ?? '';
  if (type && !/^image\/|^application\/octet-stream/i.test(type)) throw new ImageFetchError(`not an image (${type.split(';')[0]})`);
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_IMAGE_BYTES) throw new ImageFetchError('image too large');
  const blob = await res.blob();
  if (blob.size > MAX_IMAGE_BYTES) throw new ImageFetchError('image too large');
  return blob;
}
