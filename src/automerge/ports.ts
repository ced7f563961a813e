import type { RepoName } from '../fanout/ports.js';
import type { MergeMethod, PullFacts, RequiredChecks } from './facts.js';

/** What asking GitHub to merge did. */
export type MergeAnswer =
  | { outcome: 'merged'; sha: string | null }
  /** 409: the head is no longer the SHA seen green (someone pushed in between). */
  | { outcome: 'head-moved'; message: string }
  /** 405 or 422: the protection is not satisfied, the method is not allowed, the pull request is not mergeable. */
  | { outcome: 'refused'; message: string };

/**
 * The GitHub side of merging bump pull requests (src/github/merge.ts). Reads are one request each;
 * every write waits for the installation's write throttle first.
 */
export interface MergeGitHub {
  /** The pull request (by number, or the open one from `branch`) and everything the decision reads; null when there is none. */
  readPull(where: RepoName, pull: { number: number } | { branch: string }): Promise<PullFacts | null>;
  /** The status checks the branch's protection requires; null when it cannot be read. */
  requiredChecks(where: RepoName, branch: string): Promise<RequiredChecks | null>;
  /** `PUT …/pulls/{n}/merge` with `sha`: GitHub merges only that head, and only what its protection allows. */
  merge(where: RepoName, number: number, sha: string, method: MergeMethod): Promise<MergeAnswer>;
  /** GitHub's auto-merge (GraphQL `enablePullRequestAutoMerge`, with the head seen); `refused` when GitHub will not. */
  enableAutoMerge(pullId: string, sha: string, method: MergeMethod): Promise<{ enabled: true } | { enabled: false; message: string }>;
  disableAutoMerge(pullId: string): Promise<void>;
  /** Merges the base into the head (`PUT …/pulls/{n}/update-branch` with the head seen). */
  updateBranch(where: RepoName, number: number, sha: string): Promise<{ updated: boolean; message?: string }>;
  /** The one comment the app keeps on the pull request: created, edited in place, or left alone when unchanged. */
  upsertComment(where: RepoName, number: number, body: string): Promise<'created' | 'edited' | 'unchanged'>;
  /** That comment edited to `body` when there is one (a red check said earlier); none is never created. */
  editCommentIfAny(where: RepoName, number: number, body: string): Promise<'edited' | 'unchanged' | 'none'>;
}
