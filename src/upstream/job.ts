import { commitTrailer, bodyMarker, decideBump, isSuperseded, supersededMarker, targetOfBody, type BumpDecision } from '../fanout/decide.js';
import type { BumpGitHub, RepoName } from '../fanout/ports.js';
import { loadPolicy } from '../config/load.js';
import type { Policy } from '../policy/types.js';
import type { RegistryClient } from '../registry/types.js';
import { editPolicyText } from './edit.js';
import { proposalKeys, splitKeys, UPSTREAM_BRANCH, UPSTREAM_MARKER_IMAGE, upstreamBody, upstreamTitle } from './pull-request.js';
import { watchUpstream, type WatchResult } from './watch.js';

/**
 * One run of the watch for one organization (SPEC §9): read the policy and the `plimsoll/upstream`
 * pull requests in one request, ask the registries, edit the policy text, then open, update in place
 * or close the one pull request. A version or moved digest in a pull request a person closed unmerged
 * is not proposed again. It goes through the fan-out's GitHub side (one GraphQL document for branch,
 * commit and pull request, every write behind the shared throttle) and its decision rules.
 */
export interface UpstreamJobContext {
  github: BumpGitHub;
  registry: RegistryClient;
  where: RepoName;
  path: string;
}

export interface UpstreamOutcome {
  /** Null when the policy is missing or invalid: nothing was asked. */
  policy: Policy | null;
  watch: WatchResult | null;
  decision: BumpDecision | null;
  pullRequest: { number: number; url: string } | null;
  /** Why nothing could be proposed (an edit the file's layout does not allow). */
  problem: string | null;
}

export async function runUpstreamJob(context: UpstreamJobContext): Promise<UpstreamOutcome> {
  const { state, files } = await context.github.readState(context.where, UPSTREAM_BRANCH, [context.path]);
  const text = files[context.path];
  const none = (problem: string | null, policy: Policy | null = null, watch: WatchResult | null = null): UpstreamOutcome => ({ policy, watch, decision: null, pullRequest: null, problem });
  if (text === null || text === undefined) return none('no policy file');
  const loaded = loadPolicy(text, context.path);
  if (!loaded.ok) return none('the policy on the default branch is not valid');

  const rejectedVersions = new Set<string>();
  const rejectedDigests = new Set<string>();
  for (const pull of state.pullRequests) {
    if (pull.state !== 'closed' || isSuperseded(pull.body)) continue;
    const keys = splitKeys(targetOfBody(pull.body, UPSTREAM_MARKER_IMAGE) ?? '');
    keys.versions.forEach((key) => rejectedVersions.add(key));
    keys.digests.forEach((key) => rejectedDigests.add(key));
  }
  const watch = await watchUpstream(loaded.policy, context.registry, { rejectedVersions, rejectedDigests });
  const edited = editPolicyText(text, watch.changes);
  if (!edited.ok) return none(edited.problem, loaded.policy, watch);
  const keys = proposalKeys(watch);
  const target = edited.text === text || keys.length === 0 ? null : keys.join(' ');

  const decision = decideBump({ state, image: UPSTREAM_MARKER_IMAGE, target, mayOpen: true, mode: 'open' });
  const open = state.pullRequests.find((pull) => pull.state === 'open');
  const result = (pullRequest: UpstreamOutcome['pullRequest']): UpstreamOutcome => ({ policy: loaded.policy, watch, decision, pullRequest, problem: null });
  switch (decision.action) {
    case 'none':
      return result(decision.reason === 'already-open' && open ? { number: open.number, url: open.url } : null);
    case 'close':
      await context.github.closePullRequest(context.where, open!.id, `${open!.body}\n${supersededMarker()}`);
      return result(null);
    case 'open':
    case 'update': {
      const title = upstreamTitle(watch);
      const body = `${upstreamBody(watch, watch.problems)}\n\n${bodyMarker(UPSTREAM_MARKER_IMAGE, target!)}`;
      const commit = decision.commit ? { headline: title, body: commitTrailer(UPSTREAM_MARKER_IMAGE, target!), files: [{ path: context.path, contents: edited.text }] } : null;
      if (decision.action === 'update') {
        await context.github.updatePullRequest(context.where, { branch: UPSTREAM_BRANCH, state, commit, pullRequestId: open!.id, title, body });
        return result({ number: open!.number, url: open!.url });
      }
      const created = await context.github.openPullRequest(context.where, { branch: UPSTREAM_BRANCH, state, commit, title, body });
      await context.github.addLabels(context.where, created.number, ['plimsoll']);
      return result(created);
    }
  }
}
