import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Run the heavy part of a synchronous request in the worker pool (request-tasks.ts names the kinds) and answer
 * with its result. When the client disconnects before the answer, the task is cancelled (its worker terminated).
 * The worker serializes the answer (serve-tasks.ts), so the event loop only writes its JSON text: large answers do
 * not hold up other requests. `runHeavyObject` is for a route that needs the result itself (the report's HTML).
 */
export async function runHeavy(
  req: FastifyRequest,
  reply: FastifyReply,
  kind: string,
): Promise<FastifyReply> {
  const json = (await runInPool(req, reply, kind, true)) as string;
  return reply.type('application/json; charset=utf-8').send(json);
}

/** The task's result as an object (structured-cloned from the worker). */
export function runHeavyObject(req: FastifyRequest, reply: FastifyReply, kind: string): Promise<unknown> {
  return runInPool(req, reply, kind, false);
}

function runInPool(
  req: FastifyRequest,
  reply: FastifyReply,
  kind: string,
  serialize: boolean,
): Promise<unknown> {
  const { pool, limits, models } = req.server.ctx;
  const abort = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished) abort.abort();
  };
  reply.raw.once('close', onClose);
  return pool.run(kind, { body: req.body, limits, models, serialize }, abort.signal).finally(() => {
    reply.raw.off('close', onClose);
  });
}
