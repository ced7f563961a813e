import type { RepositoryBumpState } from '../fanout/decide.js';
import type { BumpGitHub, CommitChange, RepoName } from '../fanout/ports.js';
import type { WriteThrottle } from '../queue/throttle.js';
import { readBumpState } from './bump-read.js';
import type { Octokit } from './client.js';

/** One step of a mutation document: a field and the variables it declares. */
interface Step {
  field: string;
  variables: Record<string, { type: string; value: unknown }>;
}

/**
 * The fan-out's GitHub side. Writes are GraphQL documents whose mutations GitHub runs in order:
 * moving the branch, the commit (`createCommitOnBranch`: any number of files, signed by GitHub, so
 * organisations that require signed commits accept it) and the pull request go in one request.
 * The git data API would need a blob per file, a tree, a commit, a ref and the pull request,
 * unsigned. Labels need REST (GraphQL wants label ids, one more read). Every write waits for the
 * shared throttle first.
 */
export function createBumpGitHub(octokit: Octokit, throttle: WriteThrottle): BumpGitHub {
  const mutate = async <T>(steps: readonly Step[]): Promise<T> => {
    // Steps may share a variable (`repositoryId`): declared once.
    const variables = new Map(steps.flatMap((step) => Object.entries(step.variables)));
    const declared = [...variables].map(([name, v]) => `$${name}: ${v.type}`);
    const values = Object.fromEntries([...variables].map(([name, v]) => [name, v.value]));
    const document = `mutation(${declared.join(', ')}) {\n${steps.map((step) => `  ${step.field}`).join('\n')}\n}`;
    await throttle.acquire();
    return octokit.graphql<T>(document, values);
  };

  return {
    readState: (where, branch, paths) => readBumpState(octokit, where, branch, paths),

    openPullRequest: async (where, change) => {
      const steps = [...branchSteps(where, change.branch, change.state, change.commit)];
      steps.push({
        field: 'pull: createPullRequest(input: { repositoryId: $repositoryId, baseRefName: $baseRefName, headRefName: $headRefName, title: $title, body: $body }) { pullRequest { number url } }',
        variables: {
          repositoryId: { type: 'ID!', value: change.state.repositoryId },
          baseRefName: { type: 'String!', value: change.state.defaultBranch },
          headRefName: { type: 'String!', value: change.branch },
          title: { type: 'String!', value: change.title },
          body: { type: 'String!', value: change.body },
        },
      });
      const response = await mutate<{ pull: { pullRequest: { number: number; url: string } } }>(steps);
      return response.pull.pullRequest;
    },

    addLabels: async (where, number, labels) => {
      await throttle.acquire();
      await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...where, issue_number: number, labels });
    },

    updatePullRequest: async (where, change) => {
      const steps = [...branchSteps(where, change.branch, change.state, change.commit)];
      steps.push({
        field: 'pull: updatePullRequest(input: { pullRequestId: $pullRequestId, title: $title, body: $body }) { pullRequest { number } }',
        variables: {
          pullRequestId: { type: 'ID!', value: change.pullRequestId },
          title: { type: 'String!', value: change.title },
          body: { type: 'String!', value: change.body },
        },
      });
      await mutate(steps);
    },

    // The installation token carries the installation's permissions: no request.
    mayWriteWorkflows: async () => {
      try {
        const auth = (await octokit.auth({ type: 'installation' })) as { permissions?: Record<string, string> };
        return auth.permissions === undefined || auth.permissions.workflows === 'write';
      } catch {
        return true;
      }
    },

    closePullRequest: async (_where, pullRequestId, body) => {
      await mutate([
        {
          field: 'pull: updatePullRequest(input: { pullRequestId: $pullRequestId, state: CLOSED, body: $body }) { pullRequest { number } }',
          variables: { pullRequestId: { type: 'ID!', value: pullRequestId }, body: { type: 'String!', value: body } },
        },
      ]);
    },
  };
}

/**
 * The branch at the default branch's tip, then the commit on it; nothing when there is no commit
 * to make (the branch already holds it). A commit always starts from the base, so a pull request
 * shows one commit whatever happened before.
 */
function branchSteps(where: RepoName, branch: string, state: RepositoryBumpState, commit: CommitChange | null): Step[] {
  if (commit === null) return [];
  const move: Step =
    state.branch === null
      ? {
          field: 'branch: createRef(input: { repositoryId: $repositoryId, name: $ref, oid: $baseOid }) { ref { id } }',
          variables: {
            repositoryId: { type: 'ID!', value: state.repositoryId },
            ref: { type: 'String!', value: `refs/heads/${branch}` },
            baseOid: { type: 'GitObjectID!', value: state.baseOid },
          },
        }
      : {
          field: 'branch: updateRef(input: { refId: $refId, oid: $baseOid, force: true }) { ref { id } }',
          variables: { refId: { type: 'ID!', value: state.branch.refId }, baseOid: { type: 'GitObjectID!', value: state.baseOid } },
        };
  return [
    move,
    {
      field: 'commit: createCommitOnBranch(input: $commit) { commit { oid } }',
      variables: {
        commit: {
          type: 'CreateCommitOnBranchInput!',
          value: {
            branch: { repositoryNameWithOwner: `${where.owner}/${where.repo}`, branchName: branch },
            expectedHeadOid: state.baseOid,
            message: { headline: commit.headline, body: commit.body },
            fileChanges: { additions: commit.files.map((file) => ({ path: file.path, contents: Buffer.from(file.contents, 'utf8').toString('base64') })) },
          },
        },
      },
    },
  ];
}
