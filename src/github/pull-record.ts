import { decodeAs, MAX_FILE_BYTES, tooLarge, type ReadAs, type TextResult } from '../files/read.js';
import type { RecordedComment } from '../review/approvals.js';
import type { Octokit, RepoRef } from './client.js';
import { withRetry, type RetryOptions } from './retry.js';

/**
 * What GitHub records about a pull request, read in as few requests as GitHub allows: comments with
 * their edit history (GraphQL, 100 a page), file texts at a commit (GraphQL, one query for many
 * files, REST for what GraphQL will not hand out as text), and when each head was first reviewed.
 * Nothing here decides.
 */

/** A comment as the review reads it: GitHub's record, and whether the app itself wrote it. */
export interface PullComment extends RecordedComment {
  /** Written by this app (its summary, its replies): output only, never read as a command. */
  byThisApp: boolean;
}

interface CommentNode {
  databaseId: number | null;
  body: string;
  createdAt: string;
  lastEditedAt: string | null;
  isMinimized: boolean;
  author: { __typename: string; login: string } | null;
  editor: { login: string } | null;
}

const COMMENTS = `query($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      comments(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { databaseId body createdAt lastEditedAt isMinimized author { __typename login } editor { login } }
      }
    }
  }
}`;

/** Files one query asks for: well under GitHub's node limits, and answers stay small. */
const FILES_PER_QUERY = 50;

export interface FileRead {
  path: string;
  /** The commit to read it at. */
  ref: string;
  /** What the file should be (size limit, words of messages); a Dockerfile when absent. */
  as?: ReadAs;
}

export class PullRecord {
  constructor(
    private readonly octokit: Octokit,
    readonly repo: RepoRef,
    /** The app's bot login (`plimsoll[bot]`): its comments are output, never commands. */
    private readonly botLogin: string,
    private readonly retry: RetryOptions = {},
  ) {}

  private graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    return withRetry(() => this.octokit.graphql<T>(query, variables), this.retry);
  }

  /** Every comment of the pull request, oldest first; a minimized one is left out (nobody sees it). */
  async comments(number: number): Promise<PullComment[]> {
    const out: PullComment[] = [];
    let cursor: string | null = null;
    do {
      const data: { repository: { pullRequest: { comments: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: CommentNode[] } } | null } } =
        await this.graphql(COMMENTS, { owner: this.repo.owner, name: this.repo.repo, number, cursor });
      const page = data.repository.pullRequest?.comments;
      if (!page) break;
      for (const node of page.nodes) {
        if (node.databaseId === null || node.isMinimized) continue;
        const isBot = node.author?.__typename === 'Bot';
        const login = node.author === null ? 'ghost' : isBot && !node.author.login.endsWith('[bot]') ? `${node.author.login}[bot]` : node.author.login;
        out.push({
          id: node.databaseId,
          body: node.body,
          author: login,
          authorIsBot: isBot,
          createdAt: node.createdAt,
          editedAt: node.lastEditedAt,
          editor: node.editor?.login ?? null,
          byThisApp: isBot && login.toLowerCase() === this.botLogin.toLowerCase(),
        });
      }
      cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (cursor !== null);
    return out;
  }

  /**
   * The text of each file at its commit: null when the file does not exist there. Text GraphQL
   * hands out is used as is; binary, truncated or undecidable blobs are read as bytes and decoded
   * as the command line does (UTF-16 read, binary and bad encodings named).
   */
  async texts(reads: readonly FileRead[]): Promise<Map<string, TextResult | null>> {
    const out = new Map<string, TextResult | null>();
    const fallbacks: Array<{ key: string; oid: string; as: ReadAs | undefined }> = [];
    for (let start = 0; start < reads.length; start += FILES_PER_QUERY) {
      const chunk = reads.slice(start, start + FILES_PER_QUERY);
      const fields = chunk
        .map((_, i) => `f${i}: object(expression: $e${i}) { ... on Blob { oid byteSize isBinary isTruncated text } }`)
        .join('\n');
      const declarations = chunk.map((_, i) => `$e${i}: String!`).join(', ');
      const variables: Record<string, unknown> = { owner: this.repo.owner, name: this.repo.repo };
      chunk.forEach((read, i) => (variables[`e${i}`] = `${read.ref}:${read.path}`));
      const data: { repository: Record<string, { oid: string; byteSize: number; isBinary: boolean | null; isTruncated: boolean; text: string | null } | null> } = await this.graphql(
        `query($owner: String!, $name: String!, ${declarations}) { repository(owner: $owner, name: $name) { ${fields} } }`,
        variables,
      );
      chunk.forEach((read, i) => {
        const key = fileKey(read);
        const blob = data.repository[`f${i}`];
        if (!blob || blob.oid === undefined) out.set(key, null);
        else if (read.as && blob.byteSize > read.as.maxBytes) out.set(key, tooLarge(blob.byteSize, false, read.as));
        else if (!read.as && blob.byteSize > MAX_FILE_BYTES) out.set(key, { ok: false, problem: 'too-large', message: `is too large to be a Dockerfile (${(blob.byteSize / 1048576).toFixed(1)} MB; the limit is 1 MB)` });
        else if (blob.isBinary === false && !blob.isTruncated && blob.text !== null) out.set(key, { ok: true, text: blob.text });
        else fallbacks.push({ key, oid: blob.oid, as: read.as });
      });
    }
    for (const { key, oid, as } of fallbacks) out.set(key, decodeAs(await this.blobBytes(oid), as));
    return out;
  }

  private async blobBytes(oid: string): Promise<Uint8Array> {
    const { data } = await withRetry(() => this.octokit.rest.git.getBlob({ ...this.repo, file_sha: oid }), this.retry);
    return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
  }

  /**
   * When each head of the pull request was first reviewed by this app: the `started_at` of its
   * `plimsoll` check run, which only this app can write, set to the push time GitHub reported.
   * Heads replaced by a force push are included. Oldest first.
   */
  async heads(number: number, appId: number, checkName: string): Promise<Array<{ sha: string; since: string }>> {
    const suites = `checkSuites(first: 10, filterBy: { appId: $appId }) { nodes { checkRuns(first: 10, filterBy: { checkName: $check }) { nodes { startedAt } } } }`;
    const data: {
      repository: {
        pullRequest: {
          commits: { nodes: Array<{ commit: CommitRuns }> };
          timelineItems: { nodes: Array<{ beforeCommit: CommitRuns | null } | Record<string, never>> };
        } | null;
      };
    } = await this.graphql(
      `query($owner: String!, $name: String!, $number: Int!, $appId: Int!, $check: String!) {
        repository(owner: $owner, name: $name) {
          pullRequest(number: $number) {
            commits(last: 100) { nodes { commit { oid ${suites} } } }
            timelineItems(last: 100, itemTypes: [HEAD_REF_FORCE_PUSHED_EVENT]) { nodes { ... on HeadRefForcePushedEvent { beforeCommit { oid ${suites} } } } }
          }
        }
      }`,
      { owner: this.repo.owner, name: this.repo.repo, number, appId, check: checkName },
    );
    const pull = data.repository.pullRequest;
    if (!pull) return [];
    const commits = [...pull.commits.nodes.map((n) => n.commit), ...pull.timelineItems.nodes.flatMap((n) => ('beforeCommit' in n && n.beforeCommit ? [n.beforeCommit] : []))];
    const heads = new Map<string, string>();
    for (const commit of commits) {
      for (const suite of commit.checkSuites.nodes) {
        for (const run of suite.checkRuns.nodes) {
          if (run.startedAt === null) continue;
          const known = heads.get(commit.oid);
          if (known === undefined || Date.parse(run.startedAt) < Date.parse(known)) heads.set(commit.oid, run.startedAt);
        }
      }
    }
    return [...heads].map(([sha, since]) => ({ sha, since })).sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
  }
}

interface CommitRuns {
  oid: string;
  checkSuites: { nodes: Array<{ checkRuns: { nodes: Array<{ startedAt: string | null }> } }> };
}

export function fileKey(read: FileRead): string {
  return `${read.ref}:${read.path}`;
}
