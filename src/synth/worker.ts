/**
 * Worker-thread body of the dataset generator (node:worker_threads; started by src/workers/start-worker.ts).
 * workerData: { spec, material, share }. Messages out: { ready: true } once listening, then per chunk
 * { chunk, result } (buffers transferred) or { chunk, error }. Messages in: { chunk, start, end } or { stop: true }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { generateChunk } from './generator.ts';
import type { SynthSpec } from './spec.ts';

interface Init {
  spec: SynthSpec;
  material: Uint8Array;
  share: Uint8Array;
}

const { spec, material, share } = workerData as Init;
const port = parentPort!;
port.on('message', (msg: { chunk: number; start: number; end: number } | { stop: true }) => {
  if ('stop' in msg) {
    port.close();
    return;
  }
  try {
    const result = generateChunk(spec, material, share, msg.start, msg.end);
    port.postMessage({ chunk: msg.chunk, result }, [
      result.curves.buffer as ArrayBuffer,
      result.labels.buffer as ArrayBuffer,
      result.flags.buffer as ArrayBuffer,
      result.firstDrawFlags.buffer as ArrayBuffer,
    ]);
  } catch (err) {
    port.postMessage({ chunk: msg.chunk, error: (err as Error).message, errorName: (err as Error).name });
  }
});
port.postMessage({ ready: true });
