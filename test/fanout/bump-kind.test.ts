import { describe, expect, it } from 'vitest';
import { automergeCovers, bumpKind, describeKind, kindMarker, kindOfBody, moveOf, type AutomergeKind, type BumpKind } from '../../src/fanout/bump-kind.js';
import type { FileEdits } from '../../src/fanout/ports.js';

describe('moveOf: the first release number that moves decides', () => {
  it.each([
    ['20.11.1', '20.11.2', 'patch'],
    ['20.11.1', '20.12.0', 'minor'],
    ['20.11.1', '21.0.0', 'major'],
    ['3.11', '3.12', 'minor'],
    ['3', '4', 'major'],
    ['21.0.2_13', '21.0.2_14', 'patch'],
    ['1.2.3.4', '1.2.3.5', 'patch'],
    ['v1.2.3', 'v1.2.4', 'patch'],
    ['20.11.0-alpine', '20.11.1-alpine', 'patch'],
    ['20.11.1-alpine3.19', '20.12.0-alpine3.19', 'minor'],
    ['20.11.1-rc1', '20.11.1', 'patch'],
    // Unknown is never taken for small.
    ['20.11.1-alpine', '20.11.2-bookworm', 'major'],
    ['v1.2.3', '1.2.4', 'major'],
    ['latest', 'lts', 'major'],
    ['20.11.1', '20.11.1', 'patch'],
  ] as const)('%s → %s is %s', (from, to, kind) => {
    expect(moveOf(from, to)).toBe(kind);
  });
});

const edit = (from: string, to: string, banned = false) => ({ image: 'docker.io/library/node', familiar: 'node', line: 1, from, to, banned, reason: null });
const files = (...edits: ReturnType<typeof edit>[]): FileEdits[] => [{ path: 'Dockerfile', edits }];

describe('bumpKind: the largest move of a pull request, and whether it replaces a ban', () => {
  it.each<[string, FileEdits[], BumpKind | null]>([
    ['one patch', files(edit('20.11.1', '20.11.2')), { move: 'patch', banned: false }],
    ['a patch and a minor in two files', [...files(edit('20.11.1', '20.11.2')), { path: 'api/Dockerfile', edits: [edit('20.10.0', '20.11.2')] }], { move: 'minor', banned: false }],
    ['a banned patch', files(edit('18.19.0', '18.19.1', true)), { move: 'patch', banned: true }],
    ['a banned major', files(edit('16.20.2', '18.19.1', true)), { move: 'major', banned: true }],
    ['nothing', [], null],
  ])('%s', (_name, input, expected) => {
    expect(bumpKind(input)).toEqual(expected);
  });
});

describe('automergeCovers: bumps.automerge against a kind', () => {
  const kind = (move: BumpKind['move'], banned = false): BumpKind => ({ move, banned });
  it.each<[AutomergeKind[], BumpKind | null, boolean]>([
    [[], kind('patch'), false],
    [['patch'], kind('patch'), true],
    [['patch'], kind('minor'), false],
    [['minor'], kind('patch'), false],
    [['minor', 'patch'], kind('minor'), true],
    [['major'], kind('major'), true],
    // `banned`: a replacement of a banned version, whatever it moves.
    [['banned'], kind('major', true), true],
    [['banned'], kind('patch', false), false],
    // A banned replacement that only moves the patch is a patch bump.
    [['patch'], kind('patch', true), true],
    [['patch'], kind('major', true), false],
    [['patch', 'banned'], null, false],
  ])('%j covers %j: %s', (listed, input, expected) => {
    expect(automergeCovers(listed, input)).toBe(expected);
  });
});

describe('the kind marker in a bump pull request body', () => {
  it('round-trips and ignores bodies without one', () => {
    for (const kind of [{ move: 'minor', banned: false }, { move: 'patch', banned: true }] as BumpKind[]) {
      expect(kindOfBody(`table\n\n${kindMarker(kind)}\n<!-- plimsoll:bump image=x target=1 -->`)).toEqual(kind);
    }
    expect(kindOfBody('no marker')).toBeNull();
    expect(kindOfBody('<!-- plimsoll:kind move=huge banned=yes -->')).toBeNull();
    expect(describeKind({ move: 'major', banned: true })).toBe('major, replaces a banned version');
  });
});
