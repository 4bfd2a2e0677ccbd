import type { ProgressCallback } from '../app/callbacks.ts';

/** A progress reporter: a bar on an interactive stderr, silent otherwise (CI, pipes, `--json` consumers). */
export interface Progress {
  start(total: number, label?: string): void;
  update(done: number, extra?: Record<string, string | number>): void;
  stop(): void;
}

const isInteractive = () => process.stderr.isTTY === true && !process.env.CI;

export async function createProgress(enabled = isInteractive()): Promise<Progress> {
  if (!enabled) return { start() {}, update() {}, stop() {} };
  // Loaded only on a terminal: nothing to draw otherwise.
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{label} [{bar}] {value}/{total} {eta_formatted} {info}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    start(total, label = '') {
      bar.start(total, 0, { label, info: '' });
    },
    update(done, extra) {
      bar.update(
        done,
        extra
          ? {
              info: Object.entries(extra)
                .map(([k, v]) => `${k}=${v}`)
                .join(' '),
            }
          : undefined,
      );
    },
    stop() {
      bar.stop();
    },
  };
}

/**
 * The app's `onProgress(done, total, label)` as progress bars: a new bar whenever the label changes; `stop()` ends
 * the last one. Silent off a terminal.
 */
export async function progressBars(): Promise<{ onProgress: ProgressCallback; stop(): void }> {
  const p = await createProgress();
  let current: string | undefined;
  return {
    onProgress(done, total, label) {
      if (label !== current) {
        if (current !== undefined) p.stop();
        p.start(total, label);
        current = label;
      }
      p.update(done);
    },
    stop() {
      if (current !== undefined) p.stop();
      current = undefined;
    },
  };
}
