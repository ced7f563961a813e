import { describe, expect, it } from 'vitest';
import { bodyMarker, commitTrailer, decideBump, supersededMarker, type DecisionInput, type RepositoryBumpState } from '../../src/fanout/decide.js';

const NODE = 'docker.io/library/node';
const base: RepositoryBumpState = { repositoryId: 'R_web', defaultBranch: 'main', baseOid: 'base1', branch: null, pullRequests: [] };

function input(state: Partial<RepositoryBumpState>, target: string | null, extra: Partial<DecisionInput> = {}): DecisionInput {
  return { state: { ...base, ...state }, image: NODE, target, mayOpen: true, mode: 'open', ...extra };
}

const pr = (number: number, state: 'open' | 'closed' | 'merged', target: string, more = '') => ({
  id: `PR_${number}`,
  number,
  url: `https://github.com/acme/web/pull/${number}`,
  state,
  body: `table\n\n${bodyMarker(NODE, target)}${more}`,
});

describe('decideBump', () => {
  it('opens a pull request when none exists', () => {
    expect(decideBump(input({}, '20.11.1'))).toEqual({ action: 'open', branchExists: false, commit: true });
  });
  it('does nothing when the open pull request already proposes the target', () => {
    expect(decideBump(input({ pullRequests: [pr(7, 'open', '20.11.1')] }, '20.11.1'))).toEqual({ action: 'none', reason: 'already-open', number: 7 });
  });
  it('updates the open pull request when the target moves', () => {
    expect(decideBump(input({ pullRequests: [pr(7, 'open', '20.11.0')] }, '20.11.1'))).toEqual({ action: 'update', number: 7, commit: true });
  });
  it('closes the open pull request when the default branch already has the target', () => {
    expect(decideBump(input({ pullRequests: [pr(7, 'open', '20.11.1')] }, null))).toEqual({ action: 'close', number: 7 });
  });
  it('never reopens what a person closed for the same target', () => {
    expect(decideBump(input({ pullRequests: [pr(7, 'closed', '20.11.1')] }, '20.11.1'))).toEqual({ action: 'none', reason: 'declined', number: 7 });
  });
  it('opens again when the target moved past the one a person closed', () => {
    const branch = { refId: 'REF_1', oid: 'old', parentOid: 'base0', message: `Bump\n\n${commitTrailer(NODE, '20.11.0')}` };
    expect(decideBump(input({ branch, pullRequests: [pr(7, 'closed', '20.11.0')] }, '20.11.1'))).toEqual({ action: 'open', branchExists: true, commit: true });
  });
  it('does not count its own superseded close as a refusal', () => {
    expect(decideBump(input({ pullRequests: [pr(7, 'closed', '20.11.1', `\n${supersededMarker()}`)] }, '20.11.1')).action).toBe('open');
  });
  it('resumes after a crash between commit and pull request without committing again', () => {
    const branch = { refId: 'REF_1', oid: 'c1', parentOid: 'base1', message: `Bump node base image to 20.11.1\n\n${commitTrailer(NODE, '20.11.1')}` };
    expect(decideBump(input({ branch }, '20.11.1'))).toEqual({ action: 'open', branchExists: true, commit: false });
  });
  it('commits again when the default branch moved since the branch was written', () => {
    const branch = { refId: 'REF_1', oid: 'c1', parentOid: 'base0', message: `Bump\n\n${commitTrailer(NODE, '20.11.1')}` };
    expect(decideBump(input({ branch }, '20.11.1'))).toEqual({ action: 'open', branchExists: true, commit: true });
  });
  it('writes nothing in dry-run mode and respects max-open', () => {
    expect(decideBump(input({}, '20.11.1', { mode: 'dry-run' }))).toEqual({ action: 'none', reason: 'dry-run' });
    expect(decideBump(input({}, '20.11.1', { mayOpen: false }))).toEqual({ action: 'none', reason: 'max-open' });
    // An update is not a new pull request: max-open does not hold it back.
    expect(decideBump(input({ pullRequests: [pr(7, 'open', '20.11.0')] }, '20.11.1', { mayOpen: false })).action).toBe('update');
  });
});
