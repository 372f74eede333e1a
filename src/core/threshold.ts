/**
 * Default confidence a match must reach to be reported. Its own module so the popup, options and
 * storage schema can read it without bundling the matcher. Full-corpus sweep (tests/bench/README.md):
 * 0.5 found 87.1% with 5 wrong ids and 5 false flags in 384 held-out queries; 0.6 found 84.3% with
 * none of either; 0.7 80.1%.
 */
export const DEFAULT_THRESHOLD = 0.6;

/**
 * The score under which the search keeps trying (restarts about a verdict, a second pass with
 * smaller windows): the caller's threshold, never less than the default, so that a bench sweep at
 * threshold 0 searches exactly as a check at the default does, and a stricter user threshold still
 * gets the extra search for verdicts between the default and its own.
 */
export const searchHarderBelow = (threshold: number) => Math.max(threshold, DEFAULT_THRESHOLD);
