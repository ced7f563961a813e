export { evaluateImage, bumpTarget, suggestion, readTag, joinTag, type ImageVerdict } from './evaluate.js';
export { exceptionFor, isExpired, type ExceptionMatch } from './exceptions.js';
export { isTrusted, imagePolicyFor } from './match.js';
export type { PolicyContext } from './context.js';
export type { Policy, ImagePolicy, BannedVersions, StandingException } from './types.js';

