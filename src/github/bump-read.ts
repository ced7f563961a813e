import type { ExistingPullRequest, RepositoryBumpState } from '../fanout/decide.js';
import type { RepoName } from '../fanout/ports.js';
import { CODEOWNERS_PATHS } from '../files/codeowners.js';
import { decodeAs } from '../files/read.js';
import { MAX_MANIFEST_CHARS } from '../files/kinds.js';
import type { Octokit } from './client.js';

interface StateResponse {
  repository: {
    id: string;
    defaultBranchRef: { name: string; target: { oid: string } } | null;
    branch: { id: string; target: { oid: string; message: string; parents: { nodes: { oid: string }[] } } } | null;
    pullRequests: {
      nodes: { id: string; number: number; url: string; state: 'OPEN' | 'CLOSED' | 'MERGED'; body: string; headRepositoryOwner: { login: string } | null; labels?: { nodes: { name: string }[] } | null }[];
    };
  } & Record<string, { oid: string; text: string | null; isBinary: boolean | null; isTruncated: boolean } | null>;
}

/**
 * Everything one bump job needs to know, in one GraphQL request: the default branch tip, the
 * `plimsoll/<image>` branch, the pull requests from it, and the text of every file the inventory
 * lists for the image (on the default branch). A text over GraphQL's 512 KB is read as a blob (one
 * request each): a cut text is never edited and written back.
 */
export async function readBumpState(
  octokit: Octokit,
  where: RepoName,
  branch: string,
  paths: readonly string[],
): Promise<{ state: RepositoryBumpState; files: Record<string, string | null> }> {
  const fileFields = [
    ...paths.map((_, i) => `f${i}: object(expression: $e${i}) { ... on Blob { oid text isBinary isTruncated } }`),
    ...CODEOWNERS_PATHS.map((_, i) => `o${i}: object(expression: $o${i}) { ... on Blob { text } }`),
  ].join('\n    ');
  const fileVariables = [...paths.map((_, i) => `, $e${i}: String!`), ...CODEOWNERS_PATHS.map((_, i) => `, $o${i}: String!`)].join('');
  const query = `query($owner: String!, $name: String!, $branch: String!, $qualified: String!${fileVariables}) {
  repository(owner: $owner, name: $name) {
    id
    defaultBranchRef { name target { oid } }
    branch: ref(qualifiedName: $qualified) { id target { ... on Commit { oid message parents(first: 1) { nodes { oid } } } } }
    pullRequests(headRefName: $branch, first: 20, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { id number url state body headRepositoryOwner { login } labels(first: 20) { nodes { name } } } }
    ${fileFields}
  }
}`;
  const variables: Record<string, string> = { owner: where.owner, name: where.repo, branch, qualified: `refs/heads/${branch}` };
  paths.forEach((path, i) => (variables[`e${i}`] = `HEAD:${path}`));
  // Who to tell about the bump (SPEC §7): read in the same request, never a request of its own.
  CODEOWNERS_PATHS.forEach((path, i) => (variables[`o${i}`] = `HEAD:${path}`));
  const response = await octokit.graphql<StateResponse>(query, variables);
  const repository = response.repository;
  if (!repository.defaultBranchRef) throw new Error(`${where.owner}/${where.repo} has no default branch (empty repository)`);

  const files: Record<string, string | null> = {};
  for (const [i, path] of paths.entries()) {
    const blob = repository[`f${i}`];
    if (!blob || blob.isBinary) files[path] = null;
    else if (!blob.isTruncated) files[path] = blob.text;
    else {
      // GitHub's GraphQL cuts texts at 512 KB (a large manifest bundle): the whole blob, or nothing is edited.
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { owner: where.owner, repo: where.repo, file_sha: blob.oid });
      const decoded = decodeAs(Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8'), { maxBytes: MAX_MANIFEST_CHARS, what: 'a text file' });
      files[path] = decoded.ok ? decoded.text : null;
    }
  }
  const target = repository.branch?.target;
  const pullRequests: ExistingPullRequest[] = repository.pullRequests.nodes
    // A fork may use the same branch name: only the repository's own branch is Plimsoll's.
    .filter((pr) => pr.headRepositoryOwner?.login.toLowerCase() === where.owner.toLowerCase())
    .map((pr) => ({ id: pr.id, number: pr.number, url: pr.url, state: pr.state === 'OPEN' ? 'open' : pr.state === 'MERGED' ? 'merged' : 'closed', body: pr.body, labels: (pr.labels?.nodes ?? []).map((label) => label.name) }));
  return {
    state: {
      repositoryId: repository.id,
      defaultBranch: repository.defaultBranchRef.name,
      baseOid: repository.defaultBranchRef.target.oid,
      branch: target?.oid && repository.branch ? { refId: repository.branch.id, oid: target.oid, parentOid: target.parents.nodes[0]?.oid ?? null, message: target.message } : null,
      pullRequests,
      codeowners: CODEOWNERS_PATHS.map((_, i) => repository[`o${i}`]?.text ?? null).find((text) => text !== null) ?? null,
    },
    files,
  };
}
