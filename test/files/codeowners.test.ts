import { describe, expect, it } from 'vitest';
import { ownersOf, ownersToMention, parseCodeowners } from '../../src/files/codeowners.js';

/** GitHub's documented example CODEOWNERS file, and what it says about each path. */
const GITHUB_EXAMPLE = `# This is a comment.
# Each line is a file pattern followed by one or more owners.

# These owners will be the default owners for everything in
# the repo. Unless a later match takes precedence,
*       @global-owner1 @global-owner2

# Order is important; the last matching pattern takes the most precedence.
*.js    @js-owner #This is an inline comment.

*.go docs@example.com

*.txt @octo-org/octocats

/build/logs/ @doctocat

docs/*  docs@example.com

apps/ @octocat

/docs/ @doctocat

/scripts/ @doctocat @octocat

**/logs @octocat

/apps/ @octocat
/apps/github
`;

describe('CODEOWNERS matching as GitHub documents it (last match wins)', () => {
  const codeowners = parseCodeowners(GITHUB_EXAMPLE);
  it.each([
    ['README.md', ['@global-owner1', '@global-owner2']],
    ['src/index.js', ['@js-owner']],
    ['main.go', ['docs@example.com']],
    ['notes/todo.txt', ['@octo-org/octocats']],
    ['build/logs/today.log', ['@octocat']],
    // `docs/*` owns the files directly in docs/, not deeper; the later `/docs/` everything under it.
    ['docs/getting-started.md', ['@doctocat']],
    ['docs/build-app/troubleshooting.md', ['@doctocat']],
    // A slash in the middle anchors `docs/*` at the root, as in gitignore.
    ['guides/docs/intro.md', ['@global-owner1', '@global-owner2']],
    // `apps/` anywhere; `/apps/` at the root, except `/apps/github`, which has no owners.
    ['services/apps/main.rb', ['@octocat']],
    ['apps/web/main.rb', ['@octocat']],
    ['apps/github/main.rb', []],
    ['scripts/deploy.sh', ['@doctocat', '@octocat']],
    ['deeply/nested/logs/x.log', ['@octocat']],
    ['logs/x.log', ['@octocat']],
  ])('%s → %j', (path, owners) => {
    expect(ownersOf(codeowners, path)).toEqual(owners);
  });

  it.each([
    ['Dockerfile', 'Dockerfile @a', ['@a']],
    ['svc/Dockerfile', 'Dockerfile @a', ['@a']],
    ['svc/Dockerfile', '/Dockerfile @a', []],
    ['svc/Dockerfile', 'svc/ @a', ['@a']],
    ['x/svc/Dockerfile', '/svc/ @a', []],
    ['svc/api/Dockerfile', 'svc/**/Dockerfile @a', ['@a']],
    ['svc/Dockerfile', 'svc/**/Dockerfile @a', ['@a']],
    ['svc/api/deep/Dockerfile', 'svc/** @a', ['@a']],
    ['svc/Dockerfile.prod', 'Dockerfile.* @a', ['@a']],
    ['docs/x.md', 'docs/* @a', ['@a']],
    ['docs/build/x.md', 'docs/* @a', []],
    ['svc/Dockerfile', 'Dockerfile? @a', []],
    ['svc/Dockerfiles', 'Dockerfile? @a', ['@a']],
    // Case-sensitive, as GitHub is.
    ['dockerfile', 'Dockerfile @a', []],
    // A regex metacharacter in a pattern is a literal.
    ['a+b/Dockerfile', 'a+b/ @a', ['@a']],
    ['aab/Dockerfile', 'a+b/ @a', []],
  ])('%s with %j → %j', (path, text, owners) => {
    expect(ownersOf(parseCodeowners(text), path)).toEqual(owners);
  });

  it('skips what GitHub does not support, as GitHub skips invalid lines', () => {
    const parsed = parseCodeowners('* @all\n!*.md @nobody\n[Dd]ockerfile @ranges\n\\#notes @escaped\n');
    expect(parsed.rules.map((rule) => rule.pattern)).toEqual(['*']);
    expect(parsed.skipped.map((s) => s.line)).toEqual([2, 3, 4]);
    expect(ownersOf(parsed, 'Dockerfile')).toEqual(['@all']);
  });
});

describe('ownersToMention', () => {
  it('the owners of every changed file, once each, in order, mentionable ones only', () => {
    const text = '* @acme/platform\nservices/api/ @alice bob@example.com @Alice\nservices/web/ @acme/web-team @bob\n';
    expect(ownersToMention(text, ['services/api/Dockerfile', 'services/web/Dockerfile', 'Dockerfile'])).toEqual(['@alice', '@acme/web-team', '@bob', '@acme/platform']);
  });
  it('refuses what is not a GitHub login or team, and caps the list', () => {
    const text = `Dockerfile @ok @-bad @bad- @a--b @<script> @x/../y ${Array.from({ length: 30 }, (_, i) => `@user${i}`).join(' ')}\n`;
    const owners = ownersToMention(text, ['Dockerfile']);
    expect(owners[0]).toBe('@ok');
    expect(owners).not.toContain('@-bad');
    expect(owners).not.toContain('@bad-');
    expect(owners).not.toContain('@<script>');
    expect(owners).not.toContain('@x/../y');
    expect(owners).toHaveLength(20);
  });
  it('no owners, no mention', () => {
    expect(ownersToMention('', ['Dockerfile'])).toEqual([]);
    expect(ownersToMention('docs/ @writers\n', ['Dockerfile'])).toEqual([]);
  });
});
