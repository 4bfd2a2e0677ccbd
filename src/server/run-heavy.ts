import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Run the heavy part of a synchronous request in the worker pool (request-tasks.ts names the kinds) and answer
 * with its result. When the client disconnects before the answer, the task is cancelled (its worker terminated).
 */
export function runHeavy(req: FastifyRequest, reply: FastifyReply, kind: string): Promise<unknown> {
  const { pool, limits, models } = req.server.ctx;
  const abort = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished) abort.abort();
  };
  reply.raw.once('close', onClose);
  return pool.run(kind, { body: req.body, limits, models }, abort.signal).finally(() => {
    reply.raw.off('close', onClose);
  });
}
