import type { ImageUse } from '../dockerfile/types.js';
import type { VariableUse } from './interpolate.js';
import type { ManifestKind } from '../files/kinds.js';
import type { Traced } from './traced.js';

/**
 * An image a compose file, Kubernetes manifest, workflow or dev container names (SPEC §11), in the
 * shape the Dockerfile model gives its images, so the policy, the PL rules and `plimsoll images`
 * read both alike. `line`, `column` and `span` place the image value in `file`.
 */
export interface ManifestImage extends ImageUse {
  source: ManifestKind;
  /** The file the value is written in: the file read, or a compose file a dev container names. */
  file: string;
  /** Where in the file, for messages: `services.web.image`, `spec.template.spec.containers[0].image`. */
  where: string;
  /** Why the value names no concrete image (kind `unresolved`), and what to do; null otherwise. */
  cause: string | null;
  /**
   * The reference (`expanded`) with each character's place in the file, or in the `.env` file a
   * variable's value came from; null when it cannot be traced (escapes, folded lines), which a
   * bump reports instead of editing.
   */
  traced: Traced | null;
  /** Compose and dev container variables the value used, and where each one's text came from. */
  variables: VariableUse[];
}

/** Why a file, or part of it, could not be read: one per file, shown as a warning. */
export interface ManifestProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** What one file of these kinds names. Pure data; extraction never throws. */
export interface ManifestExtraction {
  path: string;
  kind: ManifestKind;
  /** Every place an image is written, in file order (a dev container's compose files after it). */
  images: ManifestImage[];
  /** At most one per file; documents that did not parse are left out, the others are read. */
  problems: ManifestProblem[];
  /**
   * Set when the file turned out not to be of its kind (a YAML file none of whose documents has
   * `apiVersion` and `kind`, a Helm template, a compose file in the old v1 format): why nothing was
   * read. Not a problem when the path only made the file a candidate.
   */
  skipped: string | null;
}

export function isManifestImage(use: ImageUse): use is ManifestImage {
  return use.source === 'compose' || use.source === 'kubernetes' || use.source === 'workflow' || use.source === 'devcontainer';
}
