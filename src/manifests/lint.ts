import type { Dockerfile } from '../dockerfile/types.js';
import { compareFindings, type Finding } from '../findings.js';
import { lintDockerfile, type LintOptions } from '../lint/lint.js';
import { allRules } from '../rules/index.js';
import type { Rule } from '../rules/rule.js';
import type { ManifestImage } from './types.js';

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
