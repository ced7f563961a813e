import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Rule } from '../rules/rule.js';
import type { ShellCheckRunner } from '../shellcheck/run.js';
import { EXIT_OK, EXIT_USAGE, packageVersion, processIO, UsageError, type CliIO } from './io.js';

/**
 * The `plimsoll` command line (SPEC §8): picks the command, then loads only that command's module,
 * so `plimsoll lint` never pays for the policy, YAML or bump code it does not use.
 */

const USAGE = `Usage:
  plimsoll lint [options] PATH...     lint Dockerfiles (hadolint DL rules + Plimsoll PL rules)
  plimsoll images [--format tty|json] PATH...
                                      list every image each Dockerfile builds on, and every
                                      image compose files, Kubernetes manifests, workflows
                                      and dev containers name
  plimsoll bump --policy FILE [--write] PATH...
                                      move base images to the versions the policy lists
  plimsoll upstream --policy FILE [--write]
                                      propose newer whitelisted versions found upstream
  plimsoll verify --policy FILE [--repo OWNER/NAME] [--format tty|json] IMAGE...
                                      is this image, and what it was built from, allowed?
  plimsoll --help | --version

PATH is a file, a directory (searched for Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
Containerfile, Containerfile.*; by images, bump and lint --policy also for compose*.y*ml,
docker-compose*.y*ml, Kubernetes YAML, .github/workflows/*.y*ml, action.y*ml and
devcontainer.json; node_modules and .git are skipped) or - for stdin.
Run 'plimsoll lint --help' for the lint options.
`;

/** What the CLI runs: every registered rule and the ShellCheck binary on PATH, unless an embedder picks. */
export interface CliEngine {
  rules?: readonly Rule[];
  /** null: no SC rules (and no note about them); a runner: that one instead of the binary. */
  shellcheck?: ShellCheckRunner | null;
}

export async function main(argv: readonly string[], io: CliIO = processIO(), engine: CliEngine = {}): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'lint':
        return await (await import('./lint.js')).lintCommand(rest, io, engine);
      case 'images':
        return await (await import('./images.js')).imagesCommand(rest, io);
      case 'bump':
        return await (await import('./bump.js')).bumpCommand(rest, io);
      case 'upstream':
        return await (await import('./upstream.js')).upstreamCommand(rest, io);
      case 'verify':
        return await (await import('./verify.js')).verifyCommand(rest, io);
      case '--version':
      case '-v':
      case 'version':
        io.stdout.write(`plimsoll ${packageVersion()}\n`);
        return EXIT_OK;
      case '--help':
      case '-h':
      case 'help':
        io.stdout.write(USAGE);
        return EXIT_OK;
      case undefined:
        io.stderr.write(USAGE);
        return EXIT_USAGE;
      default:
        throw new UsageError(
          command.startsWith('-') || !existsSync(resolve(io.cwd, command))
            ? `unknown command "${command}"\n${USAGE}`
            : `unknown command "${command}"; to lint it, run: plimsoll lint ${command}`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`plimsoll: ${error.message.trimEnd()}\n`);
      return EXIT_USAGE;
    }
    // A bug, not bad input: one line for the user, no stack trace.
    io.stderr.write(`plimsoll: internal error: ${(error as Error).message ?? String(error)}\n`);
    return EXIT_USAGE;
  }
}

