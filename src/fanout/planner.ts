import { applyEdits } from '../bump/apply.js';
import { planManifestBumps } from '../bump/manifest.js';
import { planBumps, type BumpEdit, type PlanOptions } from '../bump/plan.js';
import { normaliseImageName } from '../dockerfile/reference.js';
import { extractManifest, relatedPaths } from '../manifests/extract.js';
import type { ManifestImage } from '../manifests/types.js';
import type { Policy } from '../policy/types.js';
import type { FilePlan, ManifestsPlan, ManifestText, PlanFile, PlanManifests, PlannedEdit } from './ports.js';

/** The fan-out's view of src/bump's `planBumps`: edits keyed by normalised image name. */
export function bumpPlanner(policy: Policy, options: PlanOptions = {}): PlanFile {
  return (path, text): FilePlan => {
    const plan = planBumps(policy, path, text, options);
    const named = plan.edits.map((edit) => ({ edit, name: normaliseImageName(edit.image) ?? edit.image }));
    return {
      edits: named.map(({ edit, name }) => plannedEdit(edit, name)),
      unfixable: plan.unfixable.map(({ file, line, reference, reason }) => ({ file, line, reference, reason })),
      applyFor: (image) => applyEdits(text, named.filter((n) => n.name === image).map((n) => n.edit)),
    };
  };
}

function plannedEdit(edit: BumpEdit, name: string): PlannedEdit {
  return {
    image: name,
    familiar: edit.image,
    line: edit.line,
    from: edit.fromVersion,
    to: edit.toVersion,
    banned: edit.kind === 'banned',
    reason: edit.policyReason ?? edit.reason,
  };
}

/** The images a job's files of other kinds name, read again on the default branch with the files they read. */
export function manifestImages(files: readonly ManifestText[], texts: ReadonlyMap<string, string>): ManifestImage[] {
  return files.flatMap((file) => {
    const related = new Map(relatedPaths(file.kind, file.path, file.text).flatMap((path) => (texts.has(path) ? [[path, texts.get(path)!] as const] : [])));
    return extractManifest(file.kind, file.path, file.text, related).images;
  });
}

/**
 * The fan-out's view of src/bump's `planManifestBumps` (SPEC §11): edits keyed by normalised
 * image, placed in the file the version is written in (the compose file, or its `.env`). `full`
 * receives the planner's own edits by file, for the pull request text.
 */
export function manifestPlanner(policy: Policy, options: PlanOptions = {}, full?: (file: string, edits: BumpEdit[]) => void): PlanManifests {
  return (files, texts): ManifestsPlan => {
    const images = manifestImages(files, texts);
    const plan = planManifestBumps(policy, images, texts, options);
    const named = plan.edits.map((edit) => ({ edit, name: normaliseImageName(edit.image) ?? edit.image }));
    const byFile = new Map<string, BumpEdit[]>();
    for (const { edit } of named) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
    for (const [file, edits] of byFile) full?.(file, edits);
    return {
      edits: named.map(({ edit, name }) => ({ ...plannedEdit(edit, name), path: edit.file, fromRef: edit.fromRef, toRef: edit.toRef })),
      unfixable: plan.unfixable.map(({ file, line, reference, reason, image }) => ({ file, line, reference, reason, image: image === null ? null : (normaliseImageName(image) ?? image) })),
      applyFor: (image) => {
        const mine = named.filter((n) => n.name === image);
        const paths = [...new Set(mine.map((n) => n.edit.file))];
        return paths.map((path) => ({ path, contents: applyEdits(texts.get(path)!, mine.filter((n) => n.edit.file === path).map((n) => n.edit)) }));
      },
    };
  };
}
