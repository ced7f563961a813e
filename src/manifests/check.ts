import type { Finding } from '../findings.js';
import type { LintOptions } from '../lint/lint.js';
import type { RelatedFiles } from './compose.js';
import { extractManifest } from './extract.js';
import type { ManifestKind } from './kinds.js';
import { lintManifestImages } from './lint.js';
import type { ManifestExtraction } from './types.js';

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
