/**
 * Default confidence a match must reach to be reported. Its own module so the popup, options and
 * storage schema can read it without bundling the matcher. Full-corpus sweep (tests/bench/README.md):
 * 0.5 found 87.1% with 5 wrong ids and 5 false flags in 384 held-out queries; 0.6 found 84.3% with
 * none of either; 0.7 80.1%.
 */
export const DEFAULT_THRESHOLD = 0.6;
