import { planManifestBumps } from '../bump/manifest.js';
import { planBumps, type BumpEdit, type BumpPlan } from '../bump/plan.js';
import { renderPullRequest } from '../bump/pull-request.js';
import type { Policy } from '../policy/types.js';
import type { RegistryClient } from '../registry/types.js';
import { filePlan, manifestImages, manifestsPlan } from './planner.js';
import type { FileEdits, ManifestText, PlanFile, PlanManifests, RenderPullRequest } from './ports.js';
import type { JobContext } from './run-job.js';
import { digestsOfTargets } from './target-digests.js';

/** What planning a bump job needs: how to plan its files, and the pull request text. */
export interface JobPlanning {
  planFile: PlanFile;
  planManifests: PlanManifests;
  render: RenderPullRequest;
  /** Under `require-digest` with a registry: asks it for the target tags the policy pins none for. */
  prepare?: JobContext['prepare'];
}

/** src/bump's planners, as a job calls them (a test counts the calls). */
export interface Planners {
  planBumps: typeof planBumps;
  planManifestBumps: typeof planManifestBumps;
}

const BUMP: Planners = { planBumps, planManifestBumps };

/**
 * The planning of one bump job, each file planned once: the plan the job decides on is the one its
 * pull request text and its registry questions read. The fan-out's ports carry only what deciding
 * needs; the text wants the planner's full edits (ARG, digest), kept here. Under `require-digest`,
 * `prepare` plans the files, asks `registry` for the digests of the target tags the policy pins
 * none for, and only when it gave some are the files planned again, with them.
 */
export function pullRequestRenderer(policy: Policy, registry: RegistryClient | null = null, planners: Planners = BUMP): JobPlanning {
  const digests = new Map<string, string>();
  const options = { digests };
  const files = new Map<string, { text: string; plan: BumpPlan }>();
  let others: { key: string; plan: BumpPlan } | null = null;
  const full = new Map<string, BumpEdit[]>();

  const planOnce = (path: string, text: string): BumpPlan => {
    const known = files.get(path);
    if (known?.text === text) return known.plan;
    const plan = planners.planBumps(policy, path, text, options);
    files.set(path, { text, plan });
    return plan;
  };
  const planOthersOnce = (manifests: readonly ManifestText[], texts: ReadonlyMap<string, string>): BumpPlan => {
    const key = JSON.stringify([[...manifests].sort((a, b) => a.path.localeCompare(b.path)), [...texts].sort(([a], [b]) => a.localeCompare(b))]);
    if (others?.key === key) return others.plan;
    const plan = planners.planManifestBumps(policy, manifestImages(manifests, texts), texts, options);
    others = { key, plan };
    return plan;
  };

  return {
    planFile: (path, text) => {
      const plan = planOnce(path, text);
      full.set(path, plan.edits);
      return filePlan(text, plan);
    },
    planManifests: (manifests, texts) => manifestsPlan(planOthersOnce(manifests, texts), texts, (file, edits) => full.set(file, edits)),
    render: (familiar, edited: readonly FileEdits[]) => {
      const edits = edited.flatMap((file) => (full.get(file.path) ?? []).filter((edit) => file.edits.some((e) => e.line === edit.line && e.to === edit.toVersion)));
      const { title, body } = renderPullRequest(familiar, edits);
      return { title, body: body.trimEnd() };
    },
    ...(policy.requireDigest && registry !== null
      ? {
          prepare: async (read, kinds) => {
            const texts = new Map(Object.entries(read).flatMap(([path, text]) => (text === null ? [] : [[path, text] as const])));
            const manifests = [...texts].flatMap(([path, text]) => (kinds[path] ? [{ path, kind: kinds[path], text }] : []));
            const edits = [
              // A `.env` read for a compose file is planned as a Dockerfile too: it names no FROM, so nothing.
              ...[...texts].flatMap(([path, text]) => (kinds[path] ? [] : planOnce(path, text).edits)),
              ...(manifests.length > 0 ? planOthersOnce(manifests, texts).edits : []),
            ];
            const before = digests.size;
            await digestsOfTargets(policy, edits, registry, digests);
            // The registry's answers change the edits (tag@digest): what was planned without them is planned again.
            if (digests.size > before) {
              files.clear();
              others = null;
            }
          },
        }
      : {}),
  };
}
