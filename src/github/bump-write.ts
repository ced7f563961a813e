import type { BumpGitHub, RepoName } from '../fanout/ports.js';
import type { WriteThrottle } from '../queue/throttle.js';
import { readBumpState } from './bump-read.js';
import type { Octokit } from './client.js';

const CREATE_COMMIT = `mutation($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid } }
}`;

/**
 * The fan-out's GitHub side. Commits go through GraphQL `createCommitOnBranch`: one request for
 * any number of files, and GitHub signs the commit (organisations that require signed commits
 * accept it; the git data API would need a blob per file, a tree, a commit and a ref, unsigned).
 * Every write waits for the shared throttle first.
 */
export function createBumpGitHub(octokit: Octokit, throttle: WriteThrottle): BumpGitHub {
  const write = async <T>(call: () => Promise<T>): Promise<T> => {
    await throttle.acquire();
    return call();
  };
  return {
    readState: (where, branch, paths) => readBumpState(octokit, where, branch, paths),

    createBranch: (where, branch, oid) =>
      write(async () => {
        await octokit.request('POST /repos/{owner}/{repo}/git/refs', { ...where, ref: `refs/heads/${branch}`, sha: oid });
      }),

    resetBranch: (where, branch, oid) =>
      write(async () => {
        await octokit.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { ...where, ref: `heads/${branch}`, sha: oid, force: true });
      }),

    commit: (where, change) =>
      write(async () => {
        const response = await octokit.graphql<{ createCommitOnBranch: { commit: { oid: string } } }>(CREATE_COMMIT, {
          input: {
            branch: { repositoryNameWithOwner: nameWithOwner(where), branchName: change.branch },
            expectedHeadOid: change.expectedHeadOid,
            message: { headline: change.headline, body: change.body },
            fileChanges: { additions: change.files.map((file) => ({ path: file.path, contents: Buffer.from(file.contents, 'utf8').toString('base64') })) },
          },
        });
        return response.createCommitOnBranch.commit.oid;
      }),

    openPullRequest: (where, pull) =>
      write(async () => {
        const response = await octokit.request('POST /repos/{owner}/{repo}/pulls', { ...where, ...pull });
        return { number: response.data.number, url: response.data.html_url };
      }),

    addLabels: (where, number, labels) =>
      write(async () => {
        await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...where, issue_number: number, labels });
      }),

    updatePullRequest: (where, number, pull) =>
      write(async () => {
        await octokit.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { ...where, pull_number: number, ...pull });
      }),

    closePullRequest: (where, number, body) =>
      write(async () => {
        await octokit.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { ...where, pull_number: number, state: 'closed', body });
      }),
  };
}

function nameWithOwner(where: RepoName): string {
  return `${where.owner}/${where.repo}`;
}
