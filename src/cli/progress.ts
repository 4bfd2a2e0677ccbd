import cliProgress from 'cli-progress';

/** A progress reporter: a bar on an interactive stderr, silent otherwise (CI, pipes, `--json` consumers). */
export interface Progress {
  start(total: number, label?: string): void;
  update(done: number, extra?: Record<string, string | number>): void;
  stop(): void;
}

export function createProgress(enabled = process.stderr.isTTY === true && !process.env.CI): Progress {
  if (!enabled) return { start() {}, update() {}, stop() {} };
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
