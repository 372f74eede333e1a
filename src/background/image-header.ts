/**
 * What an image's first bytes say before any decoder sees them: format, declared size, and whether
 * the file reaches its end marker. Lets the background refuse bombs, pages and cut-off downloads
 * that the browser's decoder would otherwise allocate for, or draw half-grey.
 */

export type ImageHeader =
  | {format: 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'avif'; width: number; height: number; complete: boolean}
  | {format: 'svg' | 'markup' | 'empty' | 'unknown'};

const be16 = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const be32 = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const le16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const le24 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const le32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const ascii = (b: Uint8Array, i: number, s: string) => [...s].every((c, k) => b[i + k] === c.charCodeAt(0));

export function readImageHeader(b: Uint8Array): ImageHeader {
  if (b.length === 0) return {format: 'empty'};
  if (b[0] === 0xff && b[1] === 0xd8) return jpeg(b);
  if (ascii(b, 0, '\x89PNG\r\n\x1a\n')) return png(b);
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return gif(b);
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return webp(b);
  if (ascii(b, 0, 'BM') && b.length >= 26) {
    return {format: 'bmp', width: le32(b, 18) | 0, height: Math.abs(le32(b, 22) | 0), complete: le32(b, 2) <= b.length};
  }
  if (ascii(b, 4, 'ftyp') && /^(avif|avis|mif1|msf1|heic|heix)$/.test(String.fromCharCode(...b.subarray(8, 12)))) return avif(b);
  return markup(b) ?? {format: 'unknown'};
}

/**
 * AVIF/HEIF: the first image-spatial-extents ('ispe') property gives the size. Whether the file is
 * whole is left to the decoder (the boxes would have to be walked to the media data).
 */
function avif(b: Uint8Array): ImageHeader {
  const end = Math.min(b.length - 16, 65536);
  for (let i = 12; i < end; i++) {
    if (ascii(b, i, 'ispe')) return {format: 'avif', width: be32(b, i + 8), height: be32(b, i + 12), complete: true};
  }
  return {format: 'unknown'};
}

/** Segments up to the first scan give the size; the file is whole when an EOI marker follows the scan. */
function jpeg(b: Uint8Array): ImageHeader {
  let width = 0;
  let height = 0;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return {format: 'jpeg', width, height, complete: false};
    const m = b[i + 1];
    if (m === 0xff) {
      i++; // fill byte
      continue;
    }
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = be16(b, i + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc && i + 9 <= b.length) {
      height = be16(b, i + 5);
      width = be16(b, i + 7);
    }
    if (m === 0xda) {
      let end = b.length - 2;
      while (end > i && !(b[end] === 0xff && b[end + 1] === 0xd9)) end--;
      return {format: 'jpeg', width, height, complete: end > i && width > 0};
    }
    i += 2 + len;
  }
  return {format: 'jpeg', width, height, complete: false};
}

/** IHDR gives the size; the file is whole when an IEND chunk sits near its end. */
function png(b: Uint8Array): ImageHeader {
  if (b.length < 24 || !ascii(b, 12, 'IHDR')) return {format: 'png', width: 0, height: 0, complete: false};
  let complete = false;
  for (let i = Math.max(24, b.length - 64); i + 4 <= b.length && !complete; i++) complete = ascii(b, i, 'IEND');
  return {format: 'png', width: be32(b, 16), height: be32(b, 20), complete};
}

/** The logical screen gives the size; the file is whole when its blocks lead to the 0x3B trailer. */
function gif(b: Uint8Array): ImageHeader {
  const width = le16(b, 6);
  const height = le16(b, 8);
  const subBlocks = (at: number) => {
    while (at < b.length && b[at] !== 0) at += b[at] + 1;
    return at + 1;
  };
  let i = 13 + (b[10] & 0x80 ? 3 * 2 ** ((b[10] & 7) + 1) : 0);
  while (i < b.length) {
    const block = b[i];
    if (block === 0x3b) return {format: 'gif', width, height, complete: true};
    if (block === 0x21) i = subBlocks(i + 2);
    else if (block === 0x2c) {
      const flags = b[i + 9];
      i += 10 + (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
      i = subBlocks(i + 1); // LZW minimum code size, then the data
    } else break;
  }
  return {format: 'gif', width, height, complete: false};
}

/** The first chunk (VP8, VP8L or VP8X) gives the size; the RIFF length says where the file ends. */
function webp(b: Uint8Array): ImageHeader {
  const complete = le32(b, 4) + 8 <= b.length;
  if (ascii(b, 12, 'VP8 ') && b.length >= 30) return {format: 'webp', width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff, complete};
  if (ascii(b, 12, 'VP8L') && b.length >= 25) {
    const bits = le32(b, 21);
    return {format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, complete};
  }
  if (ascii(b, 12, 'VP8X') && b.length >= 30) return {format: 'webp', width: le24(b, 24) + 1, height: le24(b, 27) + 1, complete};
  return {format: 'webp', width: 0, height: 0, complete: false};
}

/** Text starting with "<": an SVG drawing, or an HTML/XML page served where an image was expected. */
function markup(b: Uint8Array): ImageHeader | null {
  let i = ascii(b, 0, '\xef\xbb\xbf') ? 3 : 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  if (b[i] !== 0x3c) return null;
  const head = String.fromCharCode(...b.subarray(i, i + 1024)).toLowerCase();
  return {format: /<svg[\s>]/.test(head) ? 'svg' : 'markup'};
}
