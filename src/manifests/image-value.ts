import { parseImageReference } from '../dockerfile/reference.js';
import type { ArgSource, Span } from '../dockerfile/types.js';
import type { VariableUse } from './interpolate.js';
import type { ManifestKind } from '../files/kinds.js';
import { placeOf, slice, type Traced } from './traced.js';
import type { ManifestImage } from './types.js';

/** One image value as an extractor found it: where it is written, and what it expands to. */
export interface ImageValue {
  source: ManifestKind;
  file: string;
  where: string;
  /** The value as written (unquoted), variables and `docker://` included. */
  raw: string;
  /** Place of the value in `file`, quotes included. */
  span: Span;
  /** The reference after interpolation and prefix removal, traced; null when it has no value. */
  expanded: Traced | null;
  /** Why `expanded` is null. */
  cause: string | null;
  variables?: VariableUse[];
  /** The variable the reference came from, as `fromArg` names an ARG. */
  fromArg?: ArgSource | null;
  platform?: string | null;
}

/** The image a value names: kind `image` with its parsed reference, or `unresolved` with the cause. */
export function manifestImage(value: ImageValue): ManifestImage {
  const { span } = value;
  const expanded = value.expanded;
  let cause = value.cause;
  const ref = expanded === null ? null : parseImageReference(expanded.text);
  if (expanded !== null && ref === null) {
    cause = expanded.text.trim() === '' ? 'it expands to nothing — write the image' : `"${expanded.text}" is not a valid image reference`;
  }
  const variables = value.variables ?? [];
  return {
    source: value.source,
    stage: -1,
    stageName: null,
    line: span.line,
    column: span.column,
    raw: value.raw,
    expanded: expanded?.text ?? null,
    kind: ref === null ? 'unresolved' : 'image',
    ref,
    platform: value.platform ?? null,
    fromArg: value.fromArg ?? null,
    argNames: [...new Set(variables.map((v) => v.name))],
    stageRef: null,
    span,
    provenance: null,
    file: value.file,
    where: value.where,
    cause: ref === null ? (cause ?? 'it names no concrete image') : null,
    traced: expanded,
    variables,
  };
}

/** `docker://` in front of an image (workflow `uses:`, `container:`, an action's `runs.image`). */
export const DOCKER_SCHEME = 'docker://';

/** The value without its `docker://` prefix, places kept. */
export function dropScheme(traced: Traced): Traced {
  return traced.text.startsWith(DOCKER_SCHEME) ? slice(traced, DOCKER_SCHEME.length) : traced;
}

/** The place of a traced text as a whole, when it is written in one run of one file. */
export function wholePlace(traced: Traced): ReturnType<typeof placeOf> {
  return placeOf(traced, 0, traced.text.length);
}

/**
 * Why a Kubernetes or workflow value that holds an expression names no image as written: a GitHub
 * Actions expression, a template (Helm, Go templates) or a variable a tool substitutes before
 * deploy. Null when it holds none. Such values are listed, never guessed.
 */
export function expressionCause(value: string): string | null {
  const actions = /\$\{\{.*?\}\}/.exec(value)?.[0];
  if (actions) return `it is a GitHub Actions expression (${actions}), known only when the workflow runs — write the image itself`;
  const template = /\{\{.*?\}\}/.exec(value)?.[0];
  if (template) return `it is a template expression (${template}) that a tool fills in before deploy — Plimsoll reads the file as written; write the image itself`;
  const variable = /\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_]*/.exec(value)?.[0];
  if (variable) return `it holds a variable (${variable}) that a tool substitutes before deploy — Plimsoll reads the file as written; write the image itself`;
  return null;
}
