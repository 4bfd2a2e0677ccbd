#!/usr/bin/env node
// Entry point of the installed `ckin` / `cathode-kinetics` binaries: the compiled program in dist/ (plain node; build
// it with `npm run build`, which scripts/setup.sh and the package's prepare step run).
await import('../dist/main.js');
