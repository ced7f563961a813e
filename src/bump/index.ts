export { planBumps, type BumpEdit, type BumpKind, type BumpPlan, type Unfixable } from './plan.js';
export { planManifestBumps } from './manifest.js';
export { applyEdits, type TextEdit } from './apply.js';
export { unifiedDiff } from './diff.js';
export { renderPullRequest, bumpBranch, BUMP_MARKER, type BumpPullRequest } from './pull-request.js';
