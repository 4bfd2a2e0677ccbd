/**
 * Errors the API returns as JSON `{ error: { status, message, details? } }` with a message a person understands.
 * Route code throws `HttpError` for request problems; `InputError` from the library becomes 422, anything else 500
 * with a request id (see app.ts `setErrorHandler`).
 */
export class HttpError extends Error {
  readonly status: number;
  readonly details?: unknown;
  constructor(status: number, message: string, details?: unknown) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.details = details;
  }
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { status: number; message: string; details?: unknown };
}

export function errorBody(status: number, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { status, message } : { status, message, details } };
}

/** 501 for a capability whose library code is not in this build (the page shows the tab disabled with this note). */
export function notImplemented(capability: string, why: string): HttpError {
  return new HttpError(501, `${capability} is not available in this build: ${why}`);
}
