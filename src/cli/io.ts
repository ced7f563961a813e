import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * The `plimsoll` command line (SPEC §8): argument parsing, reading files, then the same core the
 * app runs. `main` takes its streams so tests run it in-process.
 */
export interface CliIO {
  stdin: AsyncIterable<Buffer | string>;
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
  env: Record<string, string | undefined>;
  cwd: string;
  home: string;
}

/** Exit statuses. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** A message for the user: printed as `plimsoll: message`, exit 2. */
export class UsageError extends Error {}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T, command: string) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nRun 'plimsoll ${command} --help' for the options.`);
  }
}

let cachedVersion: string | undefined;

/** The version in package.json, found upwards from this module (src/ under tsx, dist/src/ built). */
export function packageVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    const candidate = join(directory, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'plimsoll' && pkg.version) return (cachedVersion = pkg.version);
      } catch {
        // keep looking upwards
      }
    }
    directory = dirname(directory);
  }
  return (cachedVersion = 'unknown');
}

export function processIO(): CliIO {
  return {
    // Only `-` reads stdin; touching process.stdin loads Node's stream and socket modules.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    home: homedir(),
  };
}


