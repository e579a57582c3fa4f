#!/usr/bin/env node
// The `puente` command: runs the built CLI (npm run build writes out/main/cli.js).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  console.error('puente: the app is not built yet. Run `npm run build` (or `npm start`) first.');
  process.exit(1);
}
require(cli);
