export { parseTag, parseVersion, type TagVersion } from './tag.js';
export {
  compareVersions,
  comparePrerelease,
  isCompatible,
  withinScope,
  UPDATE_SCOPES,
  type UpdateScope,
} from './compare.js';
export { isValidRange, satisfiesRange } from './range.js';
