/**
 * Images named outside Dockerfiles (SPEC §11): compose files, Kubernetes manifests, GitHub Actions
 * workflows and dev containers. Pure: callers read files; see README "Every image a repository
 * runs on" and each module for the formats.
 */
export { extractManifest, relatedPaths, uniqueImages } from './extract.js';
export { isManifestImage, type ManifestExtraction, type ManifestImage, type ManifestProblem } from './types.js';
export type { RelatedFiles } from './compose.js';
