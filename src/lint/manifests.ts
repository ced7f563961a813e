import type { Dockerfile } from '../dockerfile/types.js';
import { compareFindings, type Finding } from '../findings.js';
import { lintDockerfile, type LintOptions } from './lint.js';
import { allRules } from '../rules/index.js';
import type { Rule } from '../rules/rule.js';
import type { RelatedFiles } from '../manifests/compose.js';
import { extractManifest } from '../manifests/extract.js';
import type { ManifestKind } from '../files/kinds.js';
import type { ManifestExtraction, ManifestImage } from '../manifests/types.js';

/**
 * The policy's image rules (PL1001–PL1008) over the images of compose files, manifests, workflows
 * and dev containers (SPEC §11). They run through the same engine as for a Dockerfile, on a model
 * that holds only images, so levels, the policy's rules and standing exceptions apply alike. DL
 * and BuildKit rules do not apply to these files; without a policy nothing is reported.
 */

/** The rules that judge an image reference against the policy: PL1xxx. */
export function imageRules(rules: readonly Rule[] = allRules): Rule[] {
  return rules.filter((rule) => /^PL1\d{3}$/.test(rule.code));
}

/** The model of a file that only names images: no instructions, no stages, every image a reference. */
export function imageOnlyModel(path: string, images: readonly ManifestImage[]): Dockerfile {
  return {
    path,
    text: '',
    hadBom: false,
    lineEnding: '\n',
    escape: '\\',
    directives: {},
    instructions: [],
    comments: [],
    globalArgs: [],
    stages: [],
    images: [...images],
    problems: [],
  };
}

/**
 * Findings for images of these kinds, each at the image value's line and column in the file it is
 * written in. Nothing without a policy: only PL1xxx rules apply, and they need one.
 */
export function lintManifestImages(images: readonly ManifestImage[], options: LintOptions = {}): Finding[] {
  if (!options.policy) return [];
  const rules = imageRules(options.rules);
  const byFile = new Map<string, ManifestImage[]>();
  for (const image of images) byFile.set(image.file, [...(byFile.get(image.file) ?? []), image]);
  return [...byFile].flatMap(([file, fileImages]) => lintDockerfile(imageOnlyModel(file, fileImages), { ...options, rules })).sort(compareFindings);
}

export interface CheckedManifest {
  extraction: ManifestExtraction;
  /** PL1001–PL1008 on its images (none without a policy), each in the file its image is written in. */
  findings: Finding[];
}

/**
 * One file of these kinds as a review sees it: its images and the policy's findings on them. The
 * kind comes from `fileClassifier(repoConfig)(path)`; `related` holds the text of the paths
 * `relatedPaths(kind, path, text)` names that exist. Pure; never throws.
 */
export function checkManifest(kind: ManifestKind, path: string, text: string, related: RelatedFiles, lint: LintOptions): CheckedManifest {
  const extraction = extractManifest(kind, path, text, related);
  return { extraction, findings: lintManifestImages(extraction.images, lint) };
}
