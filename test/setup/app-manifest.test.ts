import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parseDocument, type Pair } from 'yaml';

/** app.yml, the manifest Probot's setup page registers the GitHub App from. */
const document = parseDocument(readFileSync(resolve(import.meta.dirname, '../../app.yml'), 'utf8'));
const manifest = document.toJS() as { default_permissions: Record<string, string>; default_events: string[] };

describe('app.yml', () => {
  it('asks for write on contents, which bump branches and commits need, and nothing it does not use', () => {
    expect(manifest.default_permissions).toEqual({
      checks: 'write',
      contents: 'write',
      pull_requests: 'write',
      issues: 'write',
      metadata: 'read',
      statuses: 'read',
      members: 'read',
      workflows: 'write',
    });
  });

  it('says why for every permission', () => {
    const permissions = document.get('default_permissions');
    if (!isMap(permissions)) throw new Error('default_permissions is not a map');
    // The comment above the first key belongs to the map in yaml's tree.
    const comment = (pair: Pair, index: number): string =>
      ((isScalar(pair.key) ? pair.key.commentBefore : undefined) ?? (index === 0 ? permissions.commentBefore : undefined) ?? '').trim();
    const unexplained = (permissions.items as Pair[]).filter((pair, index) => comment(pair, index).length < 20).map((pair) => String(pair.key));
    expect(unexplained).toEqual([]);
  });

  it('subscribes to the events the app handles', () => {
    expect(manifest.default_events).toEqual(['pull_request', 'pull_request_review', 'issue_comment', 'check_run', 'check_suite', 'status', 'push', 'installation', 'installation_repositories']);
  });
});
