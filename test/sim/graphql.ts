import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, graphql, GraphQLError, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Urls } from './json.js';
import type { GitHubState, PullRequest, Repository } from './state.js';

/**
 * GitHub's own public schema (@octokit/graphql-schema): a query or mutation GitHub would refuse is
 * refused here too, with graphql-js's validation message. Only the fields the app uses resolve.
 */
const SDL = join(dirname(fileURLToPath(import.meta.resolve('@octokit/graphql-schema'))), 'schema.graphql');
let schema: GraphQLSchema | null = null;
const githubSchema = () => (schema ??= buildSchema(readFileSync(SDL, 'utf8'), { assumeValidSDL: true }));

/** An error as GitHub words it: `{ type, message, path }` in `errors`, HTTP 200. */
class GitHubGraphQLError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const refId = (repo: Repository, branch: string) => `REF_${repo.id}_${Buffer.from(branch).toString('base64url')}`;

function resolvers(state: GitHubState, urls: Urls) {
  const repoOf = (nodeId: string) => [...state.repos.values()].find((r) => r.nodeId === nodeId);
  const byRefId = (id: string) => {
    const match = /^REF_(\d+)_(.+)$/.exec(id);
    const repo = match ? [...state.repos.values()].find((r) => r.id === Number(match[1])) : undefined;
    return repo && match ? { repo, branch: Buffer.from(match[2]!, 'base64url').toString() } : null;
  };
  const pullById = (id: string) => {
    for (const repo of state.repos.values()) for (const pr of state.pulls(repo)) if (pr.nodeId === id) return { repo, pr };
    return null;
  };

  const commitNode = (repo: Repository, sha: string): Record<string, unknown> | null => {
    const commit = state.commits.get(sha);
    if (!commit) return null;
    return {
      __typename: 'Commit',
      id: `C_${sha}`,
      oid: sha,
      message: commit.message,
      url: `${urls.web}/${repo.owner}/${repo.name}/commit/${sha}`,
      parents: ({ first }: { first?: number }) => {
        const nodes = commit.parents.slice(0, first ?? 100).map((p) => commitNode(repo, p));
        return { nodes, totalCount: commit.parents.length };
      },
    };
  };
  const blobNode = (sha: string) => {
    const text = state.blobs.get(sha);
    if (text === undefined) return null;
    const binary = text.includes('\0');
    return { __typename: 'Blob', id: `B_${sha}`, oid: sha, text: binary ? null : text, isBinary: binary, isTruncated: false, byteSize: Buffer.byteLength(text) };
  };
  const refNode = (repo: Repository, branch: string) => {
    const sha = repo.branches.get(branch);
    return sha === undefined ? null : { __typename: 'Ref', id: refId(repo, branch), name: branch, prefix: 'refs/heads/', target: commitNode(repo, sha) };
  };
  const pullNode = (repo: Repository, pr: PullRequest) => ({
    id: pr.nodeId,
    number: pr.number,
    url: `${urls.web}/${repo.owner}/${repo.name}/pull/${pr.number}`,
    title: pr.title,
    body: pr.body,
    state: pr.pull.merged ? 'MERGED' : pr.state === 'open' ? 'OPEN' : 'CLOSED',
    headRefName: pr.pull.head,
    baseRefName: pr.pull.base,
    headRepositoryOwner: { __typename: 'Organization', login: repo.owner },
  });
  const repositoryNode = (repo: Repository) => ({
    id: repo.nodeId,
    name: repo.name,
    nameWithOwner: `${repo.owner}/${repo.name}`,
    defaultBranchRef: () => refNode(repo, repo.defaultBranch),
    ref: ({ qualifiedName }: { qualifiedName: string }) => refNode(repo, qualifiedName.replace(/^refs\/heads\//, '')),
    object: ({ expression, oid }: { expression?: string; oid?: string }) => {
      if (oid !== undefined) return blobNode(oid) ?? commitNode(repo, oid);
      // `HEAD:path`, `branch:path` or a bare revision.
      const [revision = '', path] = (expression ?? '').split(/:(.*)/s);
      const start = revision === 'HEAD' ? repo.defaultBranch : revision;
      const commitSha = repo.branches.get(start) ?? (state.commits.has(start) ? start : undefined);
      if (commitSha === undefined) return null;
      if (path === undefined) return commitNode(repo, commitSha);
      const blob = state.commits.get(commitSha)!.tree.get(path);
      return blob === undefined ? null : blobNode(blob);
    },
    pullRequests: (args: { headRefName?: string; baseRefName?: string; states?: string[]; first?: number; last?: number; orderBy?: { direction: string } }) => {
      let nodes = state
        .pulls(repo)
        .filter((pr) => (args.headRefName === undefined || pr.pull.head === args.headRefName) && (args.baseRefName === undefined || pr.pull.base === args.baseRefName))
        .map((pr) => pullNode(repo, pr))
        .filter((pr) => !args.states || args.states.includes(pr.state));
      if (args.orderBy?.direction === 'DESC') nodes = nodes.reverse();
      const total = nodes.length;
      if (args.first !== undefined) nodes = nodes.slice(0, args.first);
      if (args.last !== undefined) nodes = nodes.slice(-args.last);
      return { nodes, totalCount: total };
    },
  });

  const mustRepo = (nodeId: string) => {
    const repo = repoOf(nodeId);
    if (!repo) throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a node with the global id of '${nodeId}'`);
    return repo;
  };

  return {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = state.findRepo(owner, name);
      if (!repo) throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`);
      return repositoryNode(repo);
    },

    createRef: ({ input }: { input: { repositoryId: string; name: string; oid: string } }) => {
      const repo = mustRepo(input.repositoryId);
      const branch = input.name.replace(/^refs\/heads\//, '');
      if (repo.branches.has(branch)) throw new GitHubGraphQLError('UNPROCESSABLE', `A ref named "${input.name}" already exists in the repository.`);
      if (!state.commits.has(input.oid)) throw new GitHubGraphQLError('UNPROCESSABLE', `Object ${input.oid} does not exist`);
      state.setRef(repo, branch, input.oid);
      return { ref: refNode(repo, branch) };
    },

    updateRef: ({ input }: { input: { refId: string; oid: string; force?: boolean } }) => {
      const found = byRefId(input.refId);
      if (!found) throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a node with the global id of '${input.refId}'`);
      const current = found.repo.branches.get(found.branch);
      if (current === undefined) throw new GitHubGraphQLError('NOT_FOUND', `The ref ${found.branch} no longer exists`);
      if (!input.force && !state.isAncestor(current, input.oid)) throw new GitHubGraphQLError('UNPROCESSABLE', 'Update is not a fast forward');
      state.setRef(found.repo, found.branch, input.oid);
      return { ref: refNode(found.repo, found.branch) };
    },

    createCommitOnBranch: ({ input }: { input: CommitInput }) => {
      const [owner = '', name = ''] = (input.branch.repositoryNameWithOwner ?? '').split('/');
      const repo = state.findRepo(owner, name);
      const branch = input.branch.branchName ?? '';
      if (!repo) throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a Repository with the name '${owner}/${name}'.`);
      const head = repo.branches.get(branch);
      if (head === undefined) throw new GitHubGraphQLError('NOT_FOUND', `A ref named "refs/heads/${branch}" does not exist in the repository.`);
      if (head !== input.expectedHeadOid) {
        throw new GitHubGraphQLError('STALE_DATA', `Expected branch to point to "${input.expectedHeadOid}" but it did not. Pull and try again.`);
      }
      const changes: Record<string, string | null> = {};
      for (const deletion of input.fileChanges?.deletions ?? []) changes[deletion.path] = null;
      for (const addition of input.fileChanges?.additions ?? []) changes[addition.path] = Buffer.from(addition.contents, 'base64').toString('utf8');
      const message = input.message.body ? `${input.message.headline}\n\n${input.message.body}` : input.message.headline;
      const commit = state.commit(repo, branch, changes, message);
      return { commit: commitNode(repo, commit.sha), ref: refNode(repo, branch) };
    },

    createPullRequest: ({ input }: { input: { repositoryId: string; baseRefName: string; headRefName: string; title: string; body?: string } }) => {
      const repo = mustRepo(input.repositoryId);
      if (!repo.branches.has(input.headRefName)) throw new GitHubGraphQLError('UNPROCESSABLE', `Head sha can't be blank, Head ref must be a branch`);
      if (state.pulls(repo).some((pr) => pr.state === 'open' && pr.pull.head === input.headRefName)) {
        throw new GitHubGraphQLError('UNPROCESSABLE', `A pull request already exists for ${repo.owner}:${input.headRefName}.`);
      }
      const pr = state.createPull(repo, { head: input.headRefName, base: input.baseRefName, title: input.title, body: input.body ?? '' });
      return { pullRequest: pullNode(repo, pr) };
    },

    updatePullRequest: ({ input }: { input: { pullRequestId: string; title?: string; body?: string; state?: string } }) => {
      const found = pullById(input.pullRequestId);
      if (!found) throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a node with the global id of '${input.pullRequestId}'`);
      if (input.title !== undefined) found.pr.title = input.title;
      if (input.body !== undefined) found.pr.body = input.body;
      if (input.state === 'OPEN' || input.state === 'CLOSED') found.pr.state = input.state === 'OPEN' ? 'open' : 'closed';
      return { pullRequest: pullNode(found.repo, found.pr) };
    },
  };
}

interface CommitInput {
  branch: { repositoryNameWithOwner?: string; branchName?: string };
  expectedHeadOid: string;
  message: { headline: string; body?: string };
  fileChanges?: { additions?: Array<{ path: string; contents: string }>; deletions?: Array<{ path: string }> };
}

/** Whether the document's operation is a mutation: those count against the secondary limit. Null when it does not parse. */
export function isMutation(query: string, operationName?: string): boolean | null {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return null;
  }
  const operations = document.definitions.filter((d) => d.kind === 'OperationDefinition');
  const chosen = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  return chosen?.operation === 'mutation';
}

export async function runGraphQL(
  state: GitHubState,
  urls: Urls,
  request: { query?: string; variables?: Record<string, unknown>; operationName?: string },
): Promise<{ data?: unknown; errors?: unknown[] }> {
  const result = await graphql({
    schema: githubSchema(),
    source: request.query ?? '',
    rootValue: resolvers(state, urls),
    variableValues: request.variables ?? {},
    operationName: request.operationName ?? null,
  });
  if (!result.errors) return { data: result.data };
  return {
    ...(result.data === undefined ? {} : { data: result.data }),
    errors: result.errors.map((error: GraphQLError) => {
      const original = error.originalError;
      return {
        ...(original instanceof GitHubGraphQLError ? { type: original.type } : {}),
        message: error.message,
        ...(error.path ? { path: error.path } : {}),
        ...(error.locations ? { locations: error.locations } : {}),
      };
    }),
  };
}
