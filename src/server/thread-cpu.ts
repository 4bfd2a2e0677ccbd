import { readFileSync, readlinkSync } from 'node:fs';

/**
 * CPU time of one thread of this process, for the per-request CPU limit of the worker pool (issue 22).
 *
 * Node 20 has no per-thread CPU clock: `process.cpuUsage()` inside a worker thread reports the whole process (every
 * thread), and `performance.eventLoopUtilization()` counts wall time the loop was busy, including time the thread
 * waited for a core on a loaded machine. Linux keeps the CPU time of every thread in `/proc/self/task/TID/stat`
 * (fields 14 utime and 15 stime, in clock ticks of USER_HZ = 100 per second on every Linux ABI; proc(5)). A worker
 * learns its own TID from `/proc/thread-self` and tells the pool, which then reads that file while the worker is busy
 * in a synchronous loop that could not report anything itself. Resolution: 10 ms. Not Linux (no /proc): `undefined`
 * and the pool keeps only its wall-clock limit. Hand-written: no npm package reads per-thread CPU time.
 */

/** Clock ticks per second of the /proc time fields (USER_HZ; fixed at 100 on Linux since 2.6 for every ABI). */
const USER_HZ = 100;

/** The kernel thread id of the calling thread, or undefined where /proc/thread-self does not exist. */
export function currentThreadId(): number | undefined {
  try {
    // "PID/task/TID"
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * User + system CPU time of thread `tid` of this process, ms (10 ms steps), or undefined when it cannot be read
 * (not Linux, or the thread has exited).
 */
export function threadCpu_ms(tid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  return parseStatCpu_ms(stat);
}

/**
 * utime + stime of a /proc/…/stat line, ms. The command name (field 2) is in parentheses and may itself hold spaces
 * or ')', so the fields are counted after the last ')': state is field 3, utime 14, stime 15.
 */
export function parseStatCpu_ms(stat: string): number | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = stat.slice(close + 2).split(' ');
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return ((utime + stime) * 1000) / USER_HZ;
}
