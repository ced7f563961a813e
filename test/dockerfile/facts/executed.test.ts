import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/dockerfile/model.js';
import {
  environmentAssignments,
  executedRuns,
  innerScript,
  shellInvocation,
  unwrapCommand,
} from '../../../src/dockerfile/facts/executed.js';
import { command } from './command.js';

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
    const result = unwrapCommand(command(input));
    expect([result.name, ...result.args].join(' ')).toBe(expected);
  });

  it('keeps env assignments', () => {
    expect(unwrapCommand(command('env A=1 B=2 npm ci')).assigns).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
  });
});

describe('shellInvocation and innerScript', () => {
  it.each([
    ['bash -eo pipefail -c script arg0', ['e', 'o', 'c'], ['script', 'arg0']],
    ['sh -s -- --yes', ['s'], ['--yes']],
    ['bash -', [], ['-']],
    ['sh ./install.sh', [], ['./install.sh']],
    ['bash --norc -x', ['norc', 'x'], []],
  ])('%s', (input, options, operands) => {
    expect(shellInvocation(command(input))).toEqual({ options, operands });
  });
  it('finds the script of sh -c and su -c', () => {
    expect(innerScript(command('sh -ec script'))).toBe('script');
    expect(innerScript(command('su app -c script'))).toBe('script');
    expect(innerScript(command('su --command=script app'))).toBe('script');
    expect(innerScript(command('sh script.sh'))).toBeNull();
  });
});

describe('executedRuns', () => {
  it('reads nested scripts, exec form, find -exec and ONBUILD triggers, once per file', () => {
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
    const runs = executedRuns(dockerfile);
    expect(runs.map((s) => s.instruction.line)).toEqual([2, 3, 4, 5]);
    expect(runs[0]!.commands.map((c) => c.name)).toEqual(['sh', 'apt-get', 'su', 'curl']);
    expect(runs[1]!.commands.map((c) => [c.name, ...c.args].join(' '))).toEqual(['bash -c chmod 777 /a', 'chmod 777 /a']);
    expect(runs[2]!.commands.map((c) => c.name)).toEqual(['find', 'chmod']);
    expect(runs[3]!.pipelines.map((p) => p.map((c) => c.name))).toEqual([['wget', 'sh']]);
    expect(executedRuns(dockerfile)).toBe(runs);
  });

  it('collects the redirections of every script, nested ones too', () => {
    const [run] = executedRuns(
      parseDockerfile('Dockerfile', `RUN echo a > /etc/a && echo b >> "/etc/b" 2>/dev/null; sh -c 'echo c >/etc/c 2>&1'`),
    );
    expect(run!.redirects).toEqual([
      { operator: '>', target: '/etc/a' },
      { operator: '>>', target: '/etc/b' },
      { operator: '>', target: '/dev/null' },
      { operator: '>', target: '/etc/c' },
      { operator: '>&', target: '1' },
    ]);
  });

  it('collects environment assignments of every kind', () => {
    const [run] = executedRuns(parseDockerfile('Dockerfile', 'FROM x\nRUN A=1 a && export B=2; C=3 && env D=4 d; if x; then E="5 5"; fi'));
    expect(environmentAssignments(run!)).toEqual(
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
