import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/dockerfile/model.js';
import { fromImage, imageFromText, runCommands, runMounts } from '../../../src/rules/lib/batch-b.js';

describe('fromImage reads FROM words as language-docker does', () => {
  it.each([
    ['ubuntu:18.04', null, 'ubuntu'],
    ['zemanlx/ubuntu:18.04', null, 'zemanlx/ubuntu'],
    ['docker.io/zemanlx/ubuntu:18.04', 'docker.io', 'zemanlx/ubuntu'],
    ['my-company.com:5000/team/app@sha256:abc', 'my-company.com:5000', 'team/app'],
    ['localhost:5000/app', null, 'localhost'],
    ['${REGISTRY}/app:1', null, '${REGISTRY}/app'],
    ['builder1', null, 'builder1'],
  ])('%s', (word, registry, name) => {
    expect(fromImage(word)).toEqual({ registry, name });
  });
});

describe('imageFromText reads --from values as language-docker does', () => {
  it.each([
    ['untrusted.com/repo/image:tag', 'untrusted.com', 'repo/image:tag'],
    ['build', null, 'build'],
    ['nginx:1.25', null, 'nginx:1.25'],
    ['acme/app:1', null, 'acme/app:1'],
  ])('%s', (text, registry, name) => {
    expect(imageFromText(text)).toEqual({ registry, name });
  });
});

describe('runCommands', () => {
  const commandsOf = (dockerfile: string) =>
    runCommands(parseDockerfile('Dockerfile', dockerfile).instructions[0]!).map((c) => [c.name, ...c.args].join(' '));

  it('parses the exec form as the joined list, as hadolint does', () => {
    expect(commandsOf('RUN ["yum", "install", "-y", "vim"]')).toEqual(['yum install -y vim']);
  });
  it('names the command behind command/builtin/exec wrappers, keeping the arguments', () => {
    expect(commandsOf('RUN command yum install vim && exec -a x dnf up')).toEqual([
      'yum yum install vim',
      'dnf -a x dnf up',
    ]);
  });
  it('keeps `command -v` as command', () => {
    expect(commandsOf('RUN command -v yum')).toEqual(['command -v yum']);
  });
  it('has no commands for other instructions', () => {
    expect(commandsOf('CMD yum install vim')).toEqual([]);
  });
});

describe('runMounts', () => {
  it('reads type (bind by default), target and from', () => {
    const run = parseDockerfile('Dockerfile', 'RUN --mount=type=cache,dst=/var/cache/zypp --mount=from=deps,target=/d make').instructions[0]!;
    expect(runMounts(run)).toEqual([
      { type: 'cache', target: '/var/cache/zypp', from: null },
      { type: 'bind', target: '/d', from: 'deps' },
    ]);
  });
});
