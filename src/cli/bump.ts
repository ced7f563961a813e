import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { applyEdits, planBumps, unifiedDiff, type BumpEdit } from '../bump/index.js';
import { planManifestBumps } from '../bump/manifest.js';
import type { Target } from '../files/find.js';
import { forEachInput } from './inputs.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parse, UsageError, type CliIO } from './io.js';
import { ManifestFiles } from './manifests.js';
import { readPolicyFile } from './policy-file.js';

/** `plimsoll bump` (SPEC §8). */

export const BUMP_USAGE = `Usage: plimsoll bump --policy FILE [--write] [--registry] PATH...

Plans, for every FROM (and the ARG defaults feeding it) whose version the policy bans, no longer
lists, or lists a newer version of within the image's update scope, the edit to the target version,
and prints the edits as a unified diff. --write applies them to the files. Images of compose files,
Kubernetes manifests, workflows and dev containers are bumped alike: only the version token
changes, in the file or in the .env line (or the \${VAR:-default}) its value comes from.
References it cannot fix (a floating tag lint asks to pin, a variant the policy does not allow, an
ARG shared by several images, ...) are listed on stderr with the reason, and so is every digest a
bump removes (the policy pins none for the new version). With require-digest in the policy, a bump
writes tag@digest: the policy's pin, else (with --registry) the digest the registry reports.

Exit status: 0 nothing to bump (or everything written with --write), 1 bumps are due (without
--write), 2 bad usage, unreadable input or an invalid policy.
`;

const BUMP_OPTIONS = {
  policy: { type: 'string' },
  write: { type: 'boolean' },
  registry: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export async function bumpCommand(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, BUMP_OPTIONS, 'bump');
  if (values.help) {
    io.stdout.write(BUMP_USAGE);
    return EXIT_OK;
  }
  if (values.policy === undefined) throw new UsageError(`--policy FILE is required: bumps move images to what the policy lists\n${BUMP_USAGE}`);
  if (positionals.length === 0) throw new UsageError(`no PATH given\n${BUMP_USAGE}`);
  if (values.write && positionals.includes('-')) throw new UsageError('--write cannot write to stdin (-); drop --write to see the diff');
  const context = (await readPolicyFile(values.policy, undefined, io))!;
  const { policy } = context;
  const digests = values.registry ? await (await import('./digests.js')).bumpTargetDigests(context, positionals, io) : new Map<string, string>();

  let inputError = false;
  let pending = false;
  const writes: Array<{ target: Target; text: string; edits: number }> = [];
  const manifests = new ManifestFiles(io);
  await forEachInput(positionals, io, async (target, text) => {
    try {
      if (target.kind) {
        await manifests.add({ ...target, kind: target.kind }, text);
        return;
      }
      const plan = planBumps(policy, target.path, text, { digests });
      for (const item of plan.unfixable) {
        io.stderr.write(`plimsoll: note: ${item.file}:${item.line}: ${item.reference}: ${item.reason}\n`);
      }
      noteRemovedDigests(plan.edits, io);
      if (plan.edits.length === 0) return;
      const after = applyEdits(text, plan.edits);
      io.stdout.write(unifiedDiff(target.path, text, after));
      if (values.write) writes.push({ target, text: after, edits: plan.edits.length });
      else pending = true;
    } catch (error) {
      io.stderr.write(`plimsoll: ${target.path}: internal error while planning bumps (${(error as Error).message}); please report it\n`);
      inputError = true;
    }
  }, () => {
    inputError = true;
  }, { manifests: true });

  const plan = planManifestBumps(policy, manifests.images, manifests.texts, { digests });
  for (const item of plan.unfixable) {
    io.stderr.write(`plimsoll: note: ${item.file}:${item.line}: ${item.reference}: ${item.reason}\n`);
  }
  noteRemovedDigests(plan.edits, io);
  const byFile = new Map<string, typeof plan.edits>();
  for (const edit of plan.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, edits] of byFile) {
    const text = manifests.texts.get(file)!;
    const after = applyEdits(text, edits);
    io.stdout.write(unifiedDiff(file, text, after));
    if (values.write) writes.push({ target: { path: file, absolute: resolve(io.cwd, file), explicit: false }, text: after, edits: edits.length });
    else pending = true;
  }

  for (const { target, text, edits } of writes) {
    try {
      await writeFile(target.absolute, text);
      io.stderr.write(`plimsoll: wrote ${target.path} (${edits} ${edits === 1 ? 'edit' : 'edits'})\n`);
    } catch (error) {
      io.stderr.write(`plimsoll: ${target.path}: cannot be written (${(error as Error).message})\n`);
      inputError = true;
    }
  }
  if (inputError) return EXIT_USAGE;
  return pending ? EXIT_FINDINGS : EXIT_OK;
}

/** Never silently: a reference that loses its digest loses its pin to one exact image. */
function noteRemovedDigests(edits: ReadonlyArray<Pick<BumpEdit, 'file' | 'line' | 'digest' | 'fromRef' | 'toRef'>>, io: CliIO): void {
  for (const edit of edits) {
    if (edit.digest !== 'removed') continue;
    io.stderr.write(`plimsoll: note: ${edit.file}:${edit.line}: ${edit.fromRef}: digest removed, the policy pins none for ${edit.toRef}; pin one if you rely on digests\n`);
  }
}
