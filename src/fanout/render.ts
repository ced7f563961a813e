import { planBumps, type BumpEdit, type PlanOptions } from '../bump/plan.js';
import { renderPullRequest } from '../bump/pull-request.js';
import type { Policy } from '../policy/types.js';
import { bumpPlanner, manifestPlanner } from './planner.js';
import type { FileEdits, PlanFile, PlanManifests, RenderPullRequest } from './ports.js';

/**
 * The bump planner and the pull request text of src/bump for one job. The fan-out's ports carry
 * only what deciding needs; the text wants the planner's full edits (ARG, digest), kept here.
 */
export function pullRequestRenderer(policy: Policy, options: PlanOptions = {}): { planFile: PlanFile; planManifests: PlanManifests; render: RenderPullRequest } {
  const plan = bumpPlanner(policy, options);
  const full = new Map<string, BumpEdit[]>();
  return {
    planFile: (path, text) => {
      full.set(path, planBumps(policy, path, text, options).edits);
      return plan(path, text);
    },
    planManifests: manifestPlanner(policy, options, (file, edits) => full.set(file, edits)),
    render: (familiar, files: readonly FileEdits[]) => {
      const edits = files.flatMap((file) => (full.get(file.path) ?? []).filter((edit) => file.edits.some((e) => e.line === edit.line && e.to === edit.toVersion)));
      const { title, body } = renderPullRequest(familiar, edits);
      return { title, body: body.trimEnd() };
    },
  };
}
