/** How much of the history the popup draws: a first screenful, then more as the end scrolls near. */
import {HEAD_ENTRIES} from '../../shared/storage-schema.js';

/**
 * Rows drawn when the popup opens: more than its 600 px show (rows are ~150 px). Drawing 100 rows
 * (the old cap) was most of the popup's own work with a long history (bench:extension profile).
 * They are the stored head's entries, so the first screen needs no read of the whole history.
 */
export const FIRST_ROWS = HEAD_ENTRIES;
/** Rows added each time the end of the list comes within END_MARGIN of the view. */
export const MORE_ROWS = 25;
export const END_MARGIN = '300px';

/** Rows to draw once the end came near with `drawn` of `total` drawn. */
export const moreRows = (drawn: number, total: number) => Math.min(total, drawn + MORE_ROWS);
