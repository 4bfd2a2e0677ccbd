/**
 * An error caused by the user's input (a file, an option, a request body). Carries where it happened so that
 * messages read `FILE:LINE: problem`. The CLI prints these without a stack trace and exits with status 2.
 */
export class InputError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly problem: string;

  constructor(problem: string, where: { file?: string; line?: number } = {}) {
    super(formatLocation(where.file, where.line) + problem);
    this.name = 'InputError';
    this.file = where.file;
    this.line = where.line;
    this.problem = problem;
  }
}

function formatLocation(file?: string, line?: number): string {
  if (!file) return line !== undefined ? `line ${line}: ` : '';
  return line !== undefined ? `${file}:${line}: ` : `${file}: `;
}
