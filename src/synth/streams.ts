/**
 * The dataset generator's independent random streams per sample (the `stream` key of `Xoshiro128`,
 * src/core/xoshiro128.ts). Never renumber: published datasets depend on them.
 */
export const STREAM_PARAMS = 0;
export const STREAM_NOISE = 1;
export const STREAM_PLAN = 2;
