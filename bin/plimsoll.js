#!/usr/bin/env node
// Runs the compiled CLI (`npm run build` writes dist/). During development: npx tsx src/cli.ts
let cli;
try {
  cli = await import('../dist/src/cli.js');
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('cli.js')) {
    process.stderr.write('plimsoll: the CLI is not built yet; run "npm run build" first\n');
    process.exit(2);
  }
  throw error;
}

// `plimsoll lint . | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await cli.main(process.argv.slice(2));
