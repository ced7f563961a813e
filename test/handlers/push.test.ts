import { describe, expect, it } from 'vitest';
import { pushEffect, type PushPayload } from '../../src/handlers/push.js';

function push(repo: string, ref: string, files: string[]): PushPayload {
  return {
    ref,
    before: 'b0',
    after: 'a1',
    repository: { name: repo, owner: { login: 'acme' }, default_branch: 'main' },
    commits: [{ added: [], modified: files, removed: [] }],
  };
}

describe('pushEffect', () => {
  it('starts a fan-out when the policy changes on the policy repository’s default branch', () => {
    expect(pushEffect(push('.github', 'refs/heads/main', ['.github/plimsoll-policy.yml']))).toEqual({ kind: 'fan-out', before: 'b0', after: 'a1' });
  });
  it('ignores the policy file on another branch, and in another repository', () => {
    expect(pushEffect(push('.github', 'refs/heads/edit', ['.github/plimsoll-policy.yml']))).toEqual({ kind: 'none' });
    expect(pushEffect(push('web', 'refs/heads/main', ['.github/plimsoll-policy.yml']))).toEqual({ kind: 'none' });
  });
  it('follows PLIMSOLL_POLICY_REPO', () => {
    expect(pushEffect(push('ops-policy', 'refs/heads/main', ['.github/plimsoll-policy.yml']), undefined, 'acme/ops-policy').kind).toBe('fan-out');
  });
  it('refreshes the inventory when container definitions change on a default branch', () => {
    expect(pushEffect(push('web', 'refs/heads/main', ['README.md', 'api/Dockerfile', 'Containerfile.dev', 'Dockerfile.dockerignore']))).toEqual({
      kind: 'inventory',
      repo: 'acme/web',
      paths: ['Containerfile.dev', 'api/Dockerfile'],
    });
    expect(pushEffect(push('web', 'refs/heads/main', ['build/app.df']), ['**/*.df'])).toEqual({ kind: 'inventory', repo: 'acme/web', paths: ['build/app.df'] });
  });
  it('refreshes the inventory when a file naming images, or a .env feeding one, changes (SPEC §11)', () => {
    expect(pushEffect(push('web', 'refs/heads/main', ['README.md', 'compose.yaml', 'stack/.env', 'k8s/app.yaml', '.github/workflows/ci.yml', '.devcontainer/devcontainer.json', 'package.json']))).toEqual({
      kind: 'inventory',
      repo: 'acme/web',
      paths: ['.devcontainer/devcontainer.json', '.github/workflows/ci.yml', 'compose.yaml', 'k8s/app.yaml', 'stack/.env'],
    });
  });
});
