#!/usr/bin/env node
// Entry point of the installed `ckin` / `cathode-kinetics` binaries: the compiled program in dist/ (plain node; build
// it with `npm run build`, which scripts/setup.sh and the package's prepare step run).
// `ckin --version` alone is answered here from package.json, without loading the CLI (start-up, issue 14); the same
// text as commander's `.version(packageVersion())` in src/cli/main.ts.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else {
  await import('../dist/main.js');
}
