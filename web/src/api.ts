/** Thin client of the ckin serve JSON API (same origin). Errors carry the server's message for the page. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export async function api<T = unknown>(
  path: string,
  body?: unknown,
  method = body === undefined ? 'GET' : 'POST',
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(
      0,
      `the server did not answer (${(e as Error).message}); is \`ckin serve\` still running?`,
    );
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { message?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(
      res.status,
      err?.message ?? `the server answered ${res.status} ${res.statusText}`,
      err?.details,
    );
  }
  return data as T;
}

/** POST and get the raw response body as a Blob (the HTML report). */
export async function apiBlob(path: string, body: unknown): Promise<Blob> {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    const data = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new ApiError(res.status, data?.error?.message ?? `the server answered ${res.status}`);
  }
  return res.blob();
}

/** Poll a job until it finishes (long-poll with wait_ms). */
export async function waitJob<T>(id: string, onTick?: (state: string) => void): Promise<T> {
  for (;;) {
    const st = await api<{ state: string; result?: T; error?: { message: string; status: number } }>(
      `/api/jobs/${id}?wait_ms=5000`,
    );
    onTick?.(st.state);
    if (st.state === 'done') return st.result as T;
    if (st.state === 'failed' || st.state === 'timeout')
      throw new ApiError(st.error?.status ?? 500, st.error?.message ?? `job ${st.state}`);
  }
}
