/** The in-memory shape of a loaded index: per-photo table, window codes, metadata. */

/** What a library tells about one stock photo; everything but id is optional. */
export interface PhotoMeta {
  /** Unique id, `<library>:<photo id>` for library sources, the file name for folders. */
  id: string;
  library?: string;
  title?: string;
  photographer?: string;
  photographerUrl?: string;
  /** The photo's page at its library. */
  pageUrl?: string;
  licence?: string;
  downloads?: number;
  views?: number;
  likes?: number;
  /** Where the indexed image came from, e.g. the package that shipped it. */
  source?: string;
}

export interface PhotoSet {
  /** Per photo: index of its first window in the code arrays, and how many it has. */
  firstWindow: Uint32Array;
  windowCount: Uint16Array;
  /** Working size the windows were laid out on. */
  workW: Uint16Array;
  workH: Uint16Array;
  /** Original size in pixels. */
  width: Uint32Array;
  height: Uint32Array;
  /** Per window: layout slot and the 64-bit code's halves. */
  slots: Uint16Array;
  hi: Uint32Array;
  lo: Uint32Array;
  /** Per photo: its first fine window (verified only, never looked up; see fineSlots) and how many. */
  fineFirst: Uint32Array;
  fineCount: Uint16Array;
  /** Per fine window: its slot among fineSlots(workW, workH) and its 16-bit code. */
  fineSlots: Uint16Array;
  fine: Uint16Array;
  meta: PhotoMeta[];
}

/** Zeroed arrays for `photos` photos, `windows` windows and `fineWindows` fine ones; metadata left empty for the caller to fill. */
export function allocatePhotoSet(photos: number, windows: number, fineWindows = 0): PhotoSet {
  return {
    firstWindow: new Uint32Array(photos),
    windowCount: new Uint16Array(photos),
    workW: new Uint16Array(photos),
    workH: new Uint16Array(photos),
    width: new Uint32Array(photos),
    height: new Uint32Array(photos),
    slots: new Uint16Array(windows),
    hi: new Uint32Array(windows),
    lo: new Uint32Array(windows),
    fineFirst: new Uint32Array(photos),
    fineCount: new Uint16Array(photos),
    fineSlots: new Uint16Array(fineWindows),
    fine: new Uint16Array(fineWindows),
    meta: [],
  };
}

/** The per-photo sizes of a set (what places its windows), as any photo table has them. */
export type PhotoSizes = Pick<PhotoSet, 'workW' | 'workH' | 'width' | 'height'>;

/** Copies photo `p`'s sizes from `from` to photo `i` of `to`. */
export function copyPhotoSizes(to: PhotoSizes, i: number, from: PhotoSizes, p: number): void {
  to.workW[i] = from.workW[p];
  to.workH[i] = from.workH[p];
  to.width[i] = from.width[p];
  to.height[i] = from.height[p];
}

/** Index of the photo owning window `w` (binary search over firstWindow, from photo `from` on). */
export function photoOfWindow(set: Pick<PhotoSet, 'firstWindow'>, w: number, from = 0): number {
  const first = set.firstWindow;
  let a = from;
  let b = first.length - 1;
  while (a < b) {
    const mid = (a + b + 1) >>> 1;
    if (first[mid] <= w) a = mid;
    else b = mid - 1;
  }
  return a;
}
