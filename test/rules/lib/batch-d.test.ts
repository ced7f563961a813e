import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/dockerfile/model.js';
import type { ShellCommand } from '../../../src/dockerfile/types.js';
import {
  assignments,
  isPackage,
  packageInstall,
  redirectTargets,
  runScripts,
  shellInvocation,
  unwrapCommand,
} from '../../../src/rules/lib/batch-d.js';

const cmd = (line: string): ShellCommand => {
  const [name = '', ...args] = line.split(' ');
  return { name, args, assigns: [] };
};

describe('unwrapCommand', () => {
  it.each([
    ['sudo -E bash -', 'bash -'],
    ['sudo -u app -H sh -c x', 'sh -c x'],
    ['sudo --user=app curl -k x', 'curl -k x'],
    ['env -i PATH=/bin curl x', 'curl x'],
    ['exec /usr/bin/curl x', 'curl x'],
    ['gosu app sh -c x', 'sh -c x'],
    ['su-exec 1000:1000 node app.js', 'node app.js'],
    ['timeout -s KILL 30 curl x', 'curl x'],
    ['nice -n 10 busybox wget -qO- x', 'wget -qO- x'],
    ['command -v curl', 'command -v curl'],
    ['sudo', 'sudo'],
  ])('%s → %s', (input, expected) => {
    const result = unwrapCommand(cmd(input));
    expect([result.name, ...result.args].join(' ')).toBe(expected);
  });

  it('keeps env assignments', () => {
    expect(unwrapCommand(cmd('env A=1 B=2 npm ci')).assigns).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
  });
});

describe('shellInvocation', () => {
  it.each([
    ['bash -eo pipefail -c script arg0', ['e', 'o', 'c'], ['script', 'arg0']],
    ['sh -s -- --yes', ['s'], ['--yes']],
    ['bash -', [], ['-']],
    ['sh ./install.sh', [], ['./install.sh']],
    ['bash --norc -x', ['norc', 'x'], []],
  ])('%s', (input, options, operands) => {
    expect(shellInvocation(cmd(input))).toEqual({ options, operands });
  });
});

describe('packageInstall', () => {
  it.each([
    ['apt-get install -y --no-install-recommends sudo curl', 'apt-get install', ['sudo', 'curl']],
    ['apt-get -y -o Dpkg::Options::=--force-confold install postfix', 'apt-get install', ['postfix']],
    ['apk --no-cache add -t .deps openssh', 'apk add', ['openssh']],
    ['apk add --virtual .deps gcc', 'apk add', ['gcc']],
    ['yum -y install --enablerepo epel sudo', 'yum install', ['sudo']],
    ['zypper -n in vsftpd', 'zypper in', ['vsftpd']],
    ['pacman -Syu --noconfirm sudo', 'pacman -Syu', ['sudo']],
  ])('%s', (input, verb, packages) => {
    expect(packageInstall(cmd(input))).toEqual({ verb, packages });
  });

  it.each(['apt-get update', 'apt-get purge sudo', 'apk del sudo', 'pacman -Ss sudo', 'pip install sudo', 'dnf search sudo'])(
    '%s installs nothing',
    (input) => expect(packageInstall(cmd(input))).toBeNull(),
  );
});

describe('isPackage', () => {
  it.each([
    ['sudo', true], ['sudo=1.9.13p3-1', true], ['sudo:amd64', true], ['sudo/bookworm-backports', true],
    ['sudo-1.9.5p2', true], ['sudo.x86_64', true], ['sudo~1.9', true],
    ['sudo-ldap', false], ['pseudo', false], ['sudoku', false],
  ])('%s names sudo: %s', (word, expected) => expect(isPackage(word as string, 'sudo')).toBe(expected));
});

describe('redirectTargets', () => {
  it('finds every output redirection, quoted or not', () => {
    expect(redirectTargets(`echo a > /etc/a && echo b >> "/etc/b" 2>/dev/null; cat <<EOF >'/etc/c' 2>&1`)).toEqual([
      '/etc/a',
      '/etc/b',
      '/dev/null',
      '/etc/c',
    ]);
  });
});

describe('runScripts', () => {
  it('reads nested scripts, exec form, find -exec and ONBUILD triggers', () => {
    const dockerfile = parseDockerfile(
      'Dockerfile',
      [
        'FROM debian:12.5',
        `RUN sudo sh -c "apt-get install -y sudo && su app -c 'curl -k x'"`,
        'RUN ["/bin/bash", "-c", "chmod 777 /a"]',
        'RUN find / -perm -4000 -exec chmod u-s {} ;',
        'ONBUILD RUN wget -qO- x | sh',
      ].join('\n'),
    );
    const scripts = runScripts(dockerfile);
    expect(scripts.map((s) => s.instruction.line)).toEqual([2, 3, 4, 5]);
    expect(scripts[0]!.commands.map((c) => c.name)).toEqual(['sh', 'apt-get', 'su', 'curl']);
    expect(scripts[1]!.commands.map((c) => [c.name, ...c.args].join(' '))).toEqual(['bash -c chmod 777 /a', 'chmod 777 /a']);
    expect(scripts[2]!.commands.map((c) => c.name)).toEqual(['find', 'chmod']);
    expect(scripts[3]!.pipelines.map((p) => p.map((c) => c.name))).toEqual([['wget', 'sh']]);
    expect(runScripts(dockerfile)).toBe(scripts);
  });

  it('collects assignments of every kind', () => {
    const [script] = runScripts(parseDockerfile('Dockerfile', 'FROM x\nRUN A=1 a && export B=2; C=3 && env D=4 d; if x; then E="5 5"; fi'));
    expect(assignments(script!)).toEqual(
      expect.arrayContaining([
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
        { name: 'C', value: '3' },
        { name: 'D', value: '4' },
        { name: 'E', value: '5 5' },
      ]),
    );
  });
});
