/** Test helper (not a test file): run the `ckin` CLI in-process, capturing stdout/stderr and the exit status. */
export async function ckinInProcess(
  args: string[],
): Promise<{ status: number; stdout: string; stderr: string }> {
  const { main } = await import('../../src/main.ts');
  const out: string[] = [],
    err: string[] = [];
  const ow = process.stdout.write.bind(process.stdout),
    ew = process.stderr.write.bind(process.stderr);
  process.stdout.write = (c: string | Uint8Array) => (out.push(String(c)), true);
  process.stderr.write = (c: string | Uint8Array) => (err.push(String(c)), true);
  process.exitCode = undefined;
  try {
    await main(['node', 'ckin', ...args]);
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
  }
  const status = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { status, stdout: out.join(''), stderr: err.join('') };
}
