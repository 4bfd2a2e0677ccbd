/**
 * How a use case talks back while it works, without printing: the CLI draws a progress bar (on a TTY only) and
 * writes log lines to stderr; the server logs or ignores them.
 */

/** Progress of a long step: `done` of `total` units of the step named `label`. */
export type ProgressCallback = (done: number, total: number, label: string) => void;

/** One human-readable line (a warning or a note) for the log; never part of the result's numbers. */
export type LogCallback = (line: string) => void;

/** Callbacks every use case accepts. */
export interface UseCaseCallbacks {
  onProgress?: ProgressCallback;
  onLog?: LogCallback;
}
