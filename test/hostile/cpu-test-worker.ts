/**
 * A request worker for the CPU-limit tests (cpu-limit.test.ts): `spin` burns `ms` of this thread's own CPU time,
 * `sleep` waits `ms` of wall time without using the CPU (Atomics.wait blocks the thread as a synchronous loop would).
 */
import { serveTasks } from '../../src/server/serve-tasks.ts';
import { currentThreadId, threadCpu_ms } from '../../src/server/thread-cpu.ts';

const tid = currentThreadId();

serveTasks<{ ms: number }>({
  spin: ({ ms }) => {
    const t0 = threadCpu_ms(tid!)!;
    let x = 0;
    while (threadCpu_ms(tid!)! - t0 < ms) for (let i = 0; i < 100_000; i++) x += Math.sqrt(i);
    return { x };
  },
  sleep: ({ ms }) => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    return { slept_ms: ms };
  },
});
