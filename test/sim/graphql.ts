import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  execute,
  getNamedType,
  GraphQLError,
  parse,
  TypeInfo,
  validate,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { Caller } from './auth.js';
import { GitHubGraphQLError, Nodes } from './graphql-nodes.js';
import type { Urls } from './json.js';
import { mergeRefusal, methodRefusal, protectionOf, settingsOf } from './merging.js';
import { grants, type Need } from './permissions.js';
import { activeRules } from './rulesets.js';
import type { FileChanges, GitHubState, MergeMethod } from './state.js';

/**
 * GitHub's own public schema (@octokit/graphql-schema): a query or mutation GitHub would refuse is
 * refused here too, with graphql-js's validation message. Only the fields the app uses resolve.
 */
const SDL = join(dirname(fileURLToPath(import.meta.resolve('@octokit/graphql-schema'))), 'schema.graphql');
let schema: GraphQLSchema | null = null;
const githubSchema = () => (schema ??= buildSchema(readFileSync(SDL, 'utf8'), { assumeValidSDL: true }));

/** GitHub's bound on `first` and `last` of every connection. */
export const MAX_PAGE = 100;

interface ErrorJson {
  type?: string;
  message: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
}

/**
 * GitHub checks pagination before running anything: every connection needs `first` or `last`,
 * at most 100. A document that fails gets only `errors`, no `data`.
 */
function paginationErrors(document: DocumentNode, variables: Record<string, unknown>): ErrorJson[] {
  const typeInfo = new TypeInfo(githubSchema());
  const errors: ErrorJson[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const type = typeInfo.getType();
        const definition = typeInfo.getFieldDef();
        if (!type || !definition || !getNamedType(type).name.endsWith('Connection')) return;
        const value = (name: string): unknown => {
          const argument = node.arguments?.find((a) => a.name.value === name);
          const declared = definition.args.find((a) => a.name === name);
          return argument && declared ? valueFromAST(argument.value, declared.type, variables) : undefined;
        };
        const name = node.name.value;
        const locations = node.loc ? [{ line: node.loc.startToken.line, column: node.loc.startToken.column }] : [];
        const [first, last] = [value('first'), value('last')];
        if ((first === undefined || first === null) && (last === undefined || last === null)) {
          errors.push({ type: 'MISSING_PAGINATION_BOUNDARIES', message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`, locations });
        }
        for (const [key, count] of [['first', first], ['last', last]] as const) {
          if (typeof count !== 'number') continue;
          if (count > MAX_PAGE) errors.push({ type: 'EXCESSIVE_PAGINATION', message: `Requesting ${count} records on the \`${name}\` connection exceeds the \`${key}\` limit of ${MAX_PAGE} records.`, locations });
          if (count < 0) errors.push({ type: 'INVALID_PAGINATION', message: `\`${key}\` on the \`${name}\` connection cannot be less than zero.`, locations });
        }
      },
    }),
  );
  return errors;
}

interface CommitInput {
  branch: { repositoryNameWithOwner?: string; branchName?: string };
  expectedHeadOid: string;
  message: { headline: string; body?: string };
  fileChanges?: { additions?: Array<{ path: string; contents: string }>; deletions?: Array<{ path: string }> };
}

const CONTENTS_WRITE: Need = [['contents', 'write']];
const PULLS_WRITE: Need = [['pull_requests', 'write']];

function resolvers(state: GitHubState, nodes: Nodes) {
  const repoOf = (nodeId: string) => {
    const repo = [...state.repos.values()].find((r) => r.nodeId === nodeId);
    if (!repo) throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a node with the global id of '${nodeId}'`);
    return nodes.visibleRepo(repo.owner, repo.name);
  };
  const byRefId = (id: string) => {
    const match = /^REF_(\d+)_(.+)$/.exec(id);
    const repo = match ? [...state.repos.values()].find((r) => r.id === Number(match[1])) : undefined;
    if (!repo || !match) throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
    return { repo: nodes.visibleRepo(repo.owner, repo.name), branch: Buffer.from(match[2]!, 'base64url').toString() };
  };
  const pullById = (id: string) => {
    for (const repo of state.repos.values()) for (const pr of state.pulls(repo)) if (pr.nodeId === id) return { repo: nodes.visibleRepo(repo.owner, repo.name), pr };
    throw new GitHubGraphQLError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
  };
  const actor = () => nodes.caller.app.bot;

  return {
    repository: ({ owner, name }: { owner: string; name: string }) => nodes.repository(nodes.visibleRepo(owner, name)),

    createRef: ({ input }: { input: { repositoryId: string; name: string; oid: string } }) =>
      nodes.guard(CONTENTS_WRITE, () => {
        const repo = repoOf(input.repositoryId);
        const branch = input.name.replace(/^refs\/heads\//, '');
        if (repo.branches.has(branch)) throw new GitHubGraphQLError('UNPROCESSABLE', `A ref named "${input.name}" already exists in the repository.`);
        if (!state.commits.has(input.oid)) throw new GitHubGraphQLError('UNPROCESSABLE', `Object ${input.oid} does not exist`);
        state.setRef(repo, branch, input.oid, { pusher: actor() });
        return { ref: nodes.ref(repo, branch) };
      }),

    updateRef: ({ input }: { input: { refId: string; oid: string; force?: boolean } }) =>
      nodes.guard(CONTENTS_WRITE, () => {
        const found = byRefId(input.refId);
        const current = found.repo.branches.get(found.branch);
        if (current === undefined) throw new GitHubGraphQLError('NOT_FOUND', `The ref ${found.branch} no longer exists`);
        if (!input.force && !state.isAncestor(current, input.oid)) throw new GitHubGraphQLError('UNPROCESSABLE', 'Update is not a fast forward');
        state.setRef(found.repo, found.branch, input.oid, { pusher: actor() });
        return { ref: nodes.ref(found.repo, found.branch) };
      }),

    createCommitOnBranch: ({ input }: { input: CommitInput }) =>
      nodes.guard(CONTENTS_WRITE, () => {
        const [owner = '', name = ''] = (input.branch.repositoryNameWithOwner ?? '').split('/');
        const repo = nodes.visibleRepo(owner, name);
        const branch = input.branch.branchName ?? '';
        const head = repo.branches.get(branch);
        if (head === undefined) throw new GitHubGraphQLError('NOT_FOUND', `A ref named "refs/heads/${branch}" does not exist in the repository.`);
        if (head !== input.expectedHeadOid) throw new GitHubGraphQLError('STALE_DATA', `Expected branch to point to "${input.expectedHeadOid}" but it did not. Pull and try again.`);
        const changes: FileChanges = {};
        for (const deletion of input.fileChanges?.deletions ?? []) changes[deletion.path] = null;
        for (const addition of input.fileChanges?.additions ?? []) changes[addition.path] = Buffer.from(addition.contents, 'base64');
        const workflow = Object.keys(changes).find((path) => path.startsWith('.github/workflows/'));
        if (workflow && !grants(nodes.caller.kind === 'installation' ? nodes.caller.permissions : {}, [['workflows', 'write']])) {
          throw new GitHubGraphQLError('FORBIDDEN', `refusing to allow a GitHub App to create or update workflow \`${workflow}\` without \`workflows\` permission`);
        }
        const message = input.message.body ? `${input.message.headline}\n\n${input.message.body}` : input.message.headline;
        // Authored by the app's bot, committed (and signed) by GitHub.
        const bot = actor();
        const now = new Date(state.tick()).toISOString();
        const commit = state.commit(repo, branch, changes, message, { pusher: bot, committer: state.gitHubCommitter(now), authorDate: now, signed: true });
        return { commit: nodes.commit(repo, commit.sha), ref: nodes.ref(repo, branch) };
      }),

    createPullRequest: ({ input }: { input: { repositoryId: string; baseRefName: string; headRefName: string; title: string; body?: string } }) =>
      nodes.guard(PULLS_WRITE, () => {
        const repo = repoOf(input.repositoryId);
        if (!repo.branches.has(input.headRefName)) throw new GitHubGraphQLError('UNPROCESSABLE', `Head sha can't be blank, Head ref must be a branch`);
        if (state.pulls(repo).some((pr) => pr.state === 'open' && pr.pull.head === input.headRefName && pr.pull.base === input.baseRefName)) {
          throw new GitHubGraphQLError('UNPROCESSABLE', `A pull request already exists for ${repo.owner}:${input.headRefName}.`);
        }
        if ([...(input.body ?? '')].length > 65536) throw new GitHubGraphQLError('UNPROCESSABLE', 'Body is too long (maximum is 65536 characters)');
        const pr = state.createPull(repo, { head: input.headRefName, base: input.baseRefName, title: input.title, body: input.body ?? '', user: actor() });
        return { pullRequest: nodes.pull(repo, pr) };
      }),

    // GitHub's auto-merge: refused where the repository does not allow it, where the base has no
    // protection to wait for, and on a pull request that could be merged right now.
    enablePullRequestAutoMerge: ({ input }: { input: { pullRequestId: string; mergeMethod?: string; expectedHeadOid?: string } }) =>
      nodes.guard(PULLS_WRITE, () =>
        nodes.guard(CONTENTS_WRITE, () => {
          const found = pullById(input.pullRequestId);
          const { repo, pr } = found;
          const method = (input.mergeMethod ?? 'MERGE').toLowerCase() as MergeMethod;
          if (pr.state !== 'open') throw new GitHubGraphQLError('UNPROCESSABLE', 'Pull request is closed');
          if (!settingsOf(repo).allowAutoMerge) throw new GitHubGraphQLError('UNPROCESSABLE', 'Auto merge is not allowed for this repository');
          if (!protectionOf(repo, pr.pull.base) && activeRules(state, repo, pr.pull.base).length === 0) throw new GitHubGraphQLError('UNPROCESSABLE', 'Pull request Protected branch rules not configured for this branch');
          if (input.expectedHeadOid && input.expectedHeadOid !== state.headSha(repo, pr)) throw new GitHubGraphQLError('UNPROCESSABLE', 'Head sha did not match the expected head sha');
          const notAllowed = methodRefusal(repo, method);
          if (notAllowed) throw new GitHubGraphQLError('UNPROCESSABLE', notAllowed);
          if (mergeRefusal(state, repo, pr) === null) throw new GitHubGraphQLError('UNPROCESSABLE', 'Pull request Pull request is in clean status');
          pr.pull.autoMerge = { method, enabledBy: actor(), enabledAt: state.timestamp() };
          return { actor: nodes.actor(actor()), pullRequest: nodes.pull(repo, pr) };
        }),
      ),

    disablePullRequestAutoMerge: ({ input }: { input: { pullRequestId: string } }) =>
      nodes.guard(PULLS_WRITE, () => {
        const found = pullById(input.pullRequestId);
        found.pr.pull.autoMerge = null;
        return { actor: nodes.actor(actor()), pullRequest: nodes.pull(found.repo, found.pr) };
      }),

    updatePullRequest: ({ input }: { input: { pullRequestId: string; title?: string; body?: string; state?: string } }) =>
      nodes.guard(PULLS_WRITE, () => {
        const found = pullById(input.pullRequestId);
        if (input.body !== undefined && [...input.body].length > 65536) throw new GitHubGraphQLError('UNPROCESSABLE', 'Body is too long (maximum is 65536 characters)');
        if (input.title !== undefined) found.pr.title = input.title;
        if (input.body !== undefined) found.pr.body = input.body;
        if (input.state === 'CLOSED' && found.pr.state === 'open') state.closePull(found.repo, found.pr, { actor: actor() });
        else if (input.state === 'OPEN' && found.pr.state === 'closed') state.reopenPull(found.repo, found.pr, actor());
        else found.pr.updatedAt = state.timestamp();
        return { pullRequest: nodes.pull(found.repo, found.pr) };
      }),
  };
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

function errorJson(error: GraphQLError): ErrorJson {
  const original = error.originalError;
  return {
    ...(original instanceof GitHubGraphQLError ? { type: original.type } : {}),
    message: error.message,
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
  };
}

/** Parsed and validated documents by text: validation against GitHub's schema costs milliseconds, and apps repeat their queries. */
const checkedDocuments = new Map<string, { document: DocumentNode } | { errors: ErrorJson[] }>();

function parseAndValidate(query: string): { document: DocumentNode } | { errors: ErrorJson[] } {
  const cached = checkedDocuments.get(query);
  if (cached) return cached;
  let checked: { document: DocumentNode } | { errors: ErrorJson[] };
  try {
    const document = parse(query);
    const invalid = validate(githubSchema(), document);
    checked = invalid.length > 0 ? { errors: invalid.map(errorJson) } : { document };
  } catch (error) {
    checked = { errors: [errorJson(error as GraphQLError)] };
  }
  if (checkedDocuments.size >= 500) checkedDocuments.clear();
  checkedDocuments.set(query, checked);
  return checked;
}

/**
 * Runs one GraphQL request as `caller` (default: Plimsoll's installation with all its
 * permissions). Answers what GitHub answers: `{ data }`, `{ data, errors }` with a null field per
 * refusal (FORBIDDEN, NOT_FOUND), or `{ errors }` alone for a document GitHub would not run.
 */
export async function runGraphQL(
  state: GitHubState,
  urls: Urls,
  request: { query?: string; variables?: Record<string, unknown>; operationName?: string },
  caller?: Caller,
  hooks: { forbidden?: (path: string, need: Need) => void } = {},
): Promise<{ data?: unknown; errors?: unknown[] }> {
  const checked = parseAndValidate(request.query ?? '');
  if ('errors' in checked) return { errors: checked.errors };
  const document = checked.document;
  const variables = request.variables ?? {};
  const pagination = paginationErrors(document, variables);
  if (pagination.length > 0) return { errors: pagination };

  const who: Caller = caller ?? { kind: 'installation', app: state.app, token: '', permissions: { ...state.app.permissions }, repositories: null, bot: state.bot };
  const result = await execute({
    schema: githubSchema(),
    document,
    rootValue: resolvers(state, new Nodes(state, urls, who)),
    variableValues: variables,
    operationName: request.operationName ?? null,
  });
  if (!result.errors) return { data: result.data };
  for (const error of result.errors) {
    const original = error.originalError;
    if (original instanceof GitHubGraphQLError && original.need) hooks.forbidden?.((error.path ?? []).join('.'), original.need);
  }
  return { ...(result.data === undefined ? {} : { data: result.data }), errors: result.errors.map(errorJson) };
}
