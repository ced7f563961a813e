/**
 * Images named outside Dockerfiles (SPEC §11): compose files, Kubernetes manifests, GitHub Actions
 * workflows and dev containers. Pure: callers read files; see README "Every image a repository
 * runs on" and each module for the formats.
 */
export { DEFAULT_KIND_GLOBS, fileClassifier, isHelmTemplate, KIND_NAMES, kindOfName, MANIFEST_KINDS, MAX_MANIFEST_CHARS, type ClassifierOptions, type FileKind, type KindSetting, type KindSettings, type ManifestKind } from './kinds.js';
export { extractManifest, relatedPaths, uniqueImages } from './extract.js';
export { imageOnlyModel, imageRules, lintManifestImages } from './lint.js';
export { checkManifest, type CheckedManifest } from './check.js';
export { manifestInventory } from './inventory.js';
export { isManifestImage, type ManifestExtraction, type ManifestImage, type ManifestProblem } from './types.js';
export type { RelatedFiles } from './compose.js';
