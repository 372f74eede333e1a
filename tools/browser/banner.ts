/** Cover images cut from a photo, the way a page admin crops a stock photo into a cover. */
import sharp from 'sharp';

/** A centred band of the photo at the site's cover aspect, rescaled to the cover's width. */
export async function banner(photoPath: string, aspect: number, width: number): Promise<Buffer> {
  const img = sharp(photoPath);
  const {width: w = 0, height: h = 0} = await img.metadata();
  const bandH = Math.min(h, Math.round(w / aspect));
  return img
    .extract({left: 0, top: Math.round((h - bandH) / 2), width: w, height: bandH})
    .resize(width, Math.round(width / aspect))
    .jpeg({quality: 85})
    .toBuffer();
}

/** An avatar no index holds: a smooth synthetic gradient. */
export async function gradientAvatar(): Promise<Buffer> {
  const px = Buffer.alloc(64 * 64 * 3);
  for (let i = 0; i < 64 * 64; i++) px.set([i % 64 * 4, (i >> 6) * 4, 128], i * 3);
  return sharp(px, {raw: {width: 64, height: 64, channels: 3}}).resize(200, 200).png().toBuffer();
}
