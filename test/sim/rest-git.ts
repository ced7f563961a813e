import type { IncomingHttpHeaders } from 'node:http';
import { pullFiles } from './diff.js';
import { commitJson, gitCommitJson, repoJson } from './json.js';
import type { Need } from './permissions.js';
import { callerOf, error, inRepo, noContent, notFound, ok, page, route, type RestResponse, type Route } from './rest-kit.js';
import type { GitHubState, Repository } from './state.js';

const CONTENTS_READ: Need = [['contents', 'read']];
const CONTENTS_WRITE: Need = [['contents', 'write']];

const isRaw = (headers: IncomingHttpHeaders) => /application\/vnd\.github(\.v3)?\.raw/.test(String(headers.accept ?? ''));

/** The contents API's JSON form stops carrying content above 1 MB (`encoding: none`); raw goes to 100 MB. */
const JSON_CONTENT_LIMIT = 1024 * 1024;

/** Base64 as GitHub sends it in JSON: a line break every 60 characters, and one at the end. */
export function githubBase64(bytes: Buffer): string {
  const flat = bytes.toString('base64');
  return flat === '' ? '' : `${flat.replace(/.{60}/g, '$&\n').replace(/\n$/, '')}\n`;
}

/**
 * The exact bytes, as GitHub answers the raw media type. It labels them `charset=utf-8` whatever
 * they are, so Octokit decodes them as UTF-8 text: invalid sequences (binary, Latin-1, UTF-16)
 * arrive as U+FFFD and a UTF-8 BOM is dropped, exactly as against GitHub.
 */
const raw = (bytes: Buffer): RestResponse => ({ status: 200, text: bytes, headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' } });

function refCommit(state: GitHubState, repo: Repository, ref: string | null): string | null {
  return state.resolveCommit(repo, ref ?? repo.defaultBranch);
}

export const gitRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}', [['metadata', 'read']], inRepo((req, state, repo) => ok(repoJson(state, repo, req.urls)))),

  route(
    'GET',
    '/repos/{owner}/{repo}/contents/{path+}',
    CONTENTS_READ,
    inRepo((req, state, repo) => {
      const ref = req.query.get('ref') ?? repo.defaultBranch;
      const commit = refCommit(state, repo, ref);
      if (!commit) return error(404, `No commit found for the ref ${ref}`);
      const path = req.params.path!.replace(/\/$/, '');
      const tree = state.commits.get(commit)!.tree;
      const blob = tree.get(path);
      const where = (p: string) => `${req.urls.api}/repos/${repo.owner}/${repo.name}/contents/${p}?ref=${ref}`;
      if (blob === undefined) {
        // A directory: its entries, one level deep.
        const prefix = `${path}/`;
        const names = new Map<string, 'file' | 'dir'>();
        for (const p of tree.keys()) if (p.startsWith(prefix)) names.set(p.slice(prefix.length).split('/')[0]!, p.slice(prefix.length).includes('/') ? 'dir' : 'file');
        if (names.size === 0) return notFound();
        return ok([...names].sort().map(([name, type]) => ({ type, name, path: `${prefix}${name}`, sha: type === 'file' ? tree.get(`${prefix}${name}`) : '0'.repeat(40), size: type === 'file' ? (state.blobContent(tree.get(`${prefix}${name}`)!)?.length ?? 0) : 0, url: where(`${prefix}${name}`) })));
      }
      const bytes = state.blobContent(blob) ?? Buffer.alloc(0);
      if (isRaw(req.headers)) return raw(bytes);
      const small = bytes.length <= JSON_CONTENT_LIMIT;
      return ok({
        type: 'file',
        encoding: small ? 'base64' : 'none',
        size: bytes.length,
        name: path.split('/').pop(),
        path,
        sha: blob,
        content: small ? githubBase64(bytes) : '',
        url: where(path),
        git_url: `${req.urls.api}/repos/${repo.owner}/${repo.name}/git/blobs/${blob}`,
        html_url: `${req.urls.web}/${repo.owner}/${repo.name}/blob/${ref}/${path}`,
        download_url: `${req.urls.web}/raw/${repo.owner}/${repo.name}/${ref}/${path}`,
      });
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/git/blobs/{file_sha}',
    CONTENTS_READ,
    inRepo((req, state, repo) => {
      const sha = req.params.file_sha!;
      const bytes = state.blobContent(sha);
      if (!bytes) return notFound();
      if (isRaw(req.headers)) return raw(bytes);
      return ok({ sha, node_id: `B_${sha}`, size: bytes.length, url: `${req.urls.api}/repos/${repo.owner}/${repo.name}/git/blobs/${sha}`, content: githubBase64(bytes), encoding: 'base64' });
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/git/trees/{tree_sha}',
    CONTENTS_READ,
    inRepo((req, state, repo) => {
      const resolved = state.resolveTree(repo, req.params.tree_sha!);
      if (!resolved) return notFound();
      const recursive = req.query.has('recursive');
      const entries = new Map<string, { path: string; mode: string; type: string; sha: string; size?: number }>();
      for (const [path, sha] of resolved.tree) {
        const parts = path.split('/');
        if (!recursive && parts.length > 1) {
          entries.set(parts[0]!, { path: parts[0]!, mode: '040000', type: 'tree', sha: '0'.repeat(40) });
          continue;
        }
        for (let i = 1; i < parts.length; i++) {
          const dir = parts.slice(0, i).join('/');
          if (!entries.has(dir)) entries.set(dir, { path: dir, mode: '040000', type: 'tree', sha: '0'.repeat(40) });
        }
        entries.set(path, { path, mode: '100644', type: 'blob', sha, size: state.blobContent(sha)?.length ?? 0 });
      }
      const tree = [...entries.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
      return ok({ sha: resolved.sha, url: `${req.urls.api}/repos/${repo.owner}/${repo.name}/git/trees/${resolved.sha}`, tree, truncated: false });
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/git/commits/{commit_sha}',
    CONTENTS_READ,
    inRepo((req, state, repo) => {
      const commit = state.commits.get(req.params.commit_sha!);
      return commit ? ok(gitCommitJson(repo, commit, req.urls)) : notFound();
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/commits',
    CONTENTS_READ,
    inRepo((req, state, repo) => {
      const start = refCommit(state, repo, req.query.get('sha'));
      if (!start) return error(404, `No commit found for SHA: ${req.query.get('sha')}`);
      const path = req.query.get('path');
      const since = req.query.get('since');
      const until = req.query.get('until');
      const reachable = state.ancestors(start);
      const commits = [...state.commits.values()]
        .filter((c) => reachable.has(c.sha))
        .reverse()
        .filter((c) => {
          const date = c.committer?.date ?? '';
          if ((since && date < since) || (until && date > until)) return false;
          if (!path) return true;
          // `git log -- path`: commits whose change touches the path (a file, or anything below a directory).
          const parent = c.parents[0] ? state.commits.get(c.parents[0])?.tree : undefined;
          const touches = (p: string) => p === path || p.startsWith(`${path.replace(/\/$/, '')}/`);
          const paths = new Set([...c.tree.keys(), ...(parent?.keys() ?? [])].filter(touches));
          return [...paths].some((p) => c.tree.get(p) !== parent?.get(p));
        });
      return page(req, commits, (slice) => slice.map((c) => commitJson(state, repo, c, req.urls)));
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/commits/{ref}',
    CONTENTS_READ,
    inRepo((req, state, repo) => {
      const sha = refCommit(state, repo, req.params.ref!);
      if (!sha) return error(422, `No commit found for SHA: ${req.params.ref}`);
      const commit = state.commits.get(sha)!;
      const parent = commit.parents[0] ? state.commits.get(commit.parents[0])!.tree : new Map<string, string>();
      const files = pullFiles(state, parent, commit.tree);
      const additions = files.reduce((n, f) => n + f.additions, 0);
      const deletions = files.reduce((n, f) => n + f.deletions, 0);
      return ok({ ...commitJson(state, repo, commit, req.urls), stats: { total: additions + deletions, additions, deletions }, files });
    }),
  ),

  route(
    'GET',
    '/repos/{owner}/{repo}/git/ref/{ref+}',
    CONTENTS_READ,
    inRepo((req, state, repo) => {
      const branch = req.params.ref!.replace(/^heads\//, '');
      const sha = repo.branches.get(branch);
      return sha ? ok({ ref: `refs/heads/${branch}`, node_id: `REF_${repo.id}_${branch}`, url: `${req.urls.api}/repos/${repo.owner}/${repo.name}/git/refs/heads/${branch}`, object: { sha, type: 'commit' } }) : notFound();
    }),
  ),

  route(
    'POST',
    '/repos/{owner}/{repo}/git/refs',
    CONTENTS_WRITE,
    inRepo((req, state, repo) => {
      const ref = String(req.body.ref ?? '');
      const sha = String(req.body.sha ?? '');
      if (!/^refs\/.+\/.+/.test(ref)) return error(422, "Reference name must start with 'refs/' and have at least two slashes.");
      if (!ref.startsWith('refs/heads/')) return error(422, 'Only branches (refs/heads/) are simulated');
      if (!state.commits.has(sha)) return error(422, 'Object does not exist');
      const branch = ref.slice('refs/heads/'.length);
      if (repo.branches.has(branch)) return error(422, 'Reference already exists');
      state.setRef(repo, branch, sha, { pusher: pusherOf(req, state) });
      return ok({ ref, node_id: `REF_${repo.id}_${branch}`, object: { sha, type: 'commit' } }, 201);
    }),
  ),

  route(
    'PATCH',
    '/repos/{owner}/{repo}/git/refs/{ref+}',
    CONTENTS_WRITE,
    inRepo((req, state, repo) => {
      const branch = req.params.ref!.replace(/^(refs\/)?heads\//, '');
      const sha = String(req.body.sha ?? '');
      const current = repo.branches.get(branch);
      if (current === undefined) return error(422, 'Reference does not exist');
      if (!state.commits.has(sha)) return error(422, 'Object does not exist');
      if (req.body.force !== true && !state.isAncestor(current, sha)) return error(422, 'Update is not a fast forward');
      state.setRef(repo, branch, sha, { pusher: pusherOf(req, state) });
      return ok({ ref: `refs/heads/${branch}`, node_id: `REF_${repo.id}_${branch}`, object: { sha, type: 'commit' } });
    }),
  ),

  route(
    'DELETE',
    '/repos/{owner}/{repo}/git/refs/{ref+}',
    CONTENTS_WRITE,
    inRepo((req, state, repo) => {
      const branch = req.params.ref!.replace(/^(refs\/)?heads\//, '');
      if (!repo.branches.has(branch)) return error(422, 'Reference does not exist');
      if (branch === repo.defaultBranch) return error(422, 'Cannot delete the default branch');
      state.deleteBranch(repo, branch, pusherOf(req, state));
      return noContent();
    }),
  ),

];

const pusherOf = (req: Parameters<Route['handler']>[0], state: GitHubState) => callerOf(req, state).app.bot;
