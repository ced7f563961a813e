#!/usr/bin/env node
// Runs the command line: the bundle in dist/cli/ when built (`npm run build` writes it; it starts
// fastest), else the tsc output. During development: npx tsx src/cli.ts
let cli;
for (const candidate of ['../dist/cli/cli.js', '../dist/src/cli.js']) {
  try {
    cli = await import(candidate);
    break;
  } catch (error) {
    if (!(error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(candidate.slice(3)))) throw error;
  }
}
if (!cli) {
  process.stderr.write('plimsoll: the CLI is not built yet; run "npm run build" first\n');
  process.exit(2);
}

// `plimsoll lint . | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await cli.main(process.argv.slice(2));
