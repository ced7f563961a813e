import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/dockerfile/model.js';
import { hadolintScript, hasPipes, presentCommands, runOf, usingProgram } from '../../../src/dockerfile/facts/scripts.js';

const instructions = (text: string) => parseDockerfile('Dockerfile', text).instructions;
const commandLines = (text: string) => presentCommands(instructions(text)[0]!).map((c) => [c.name, ...c.args].join(' '));

describe('hadolintScript', () => {
  it('parses the exec form as its words joined by spaces, once per RUN', () => {
    const run = instructions('RUN ["yum", "install", "-y", "vim"]')[0]!;
    expect(hadolintScript(run)!.text).toBe('yum install -y vim');
    expect(hadolintScript(run)).toBe(hadolintScript(run));
  });
  it('gives nothing for a script that does not parse, and for other instructions', () => {
    expect(hadolintScript(instructions('RUN echo "unterminated')[0]!)).toBeNull();
    expect(hadolintScript(instructions('CMD echo hi')[0]!)).toBeNull();
    // an ONBUILD's trigger is seen through the ONBUILD pass, not through the ONBUILD itself
    expect(hadolintScript(instructions('ONBUILD RUN echo hi')[0]!)).toBeNull();
  });
});

describe('presentCommands', () => {
  it('names the command behind command/builtin/busybox/exec wrappers, keeping the arguments', () => {
    expect(commandLines('RUN command yum install vim && exec -a x dnf up && busybox wget x')).toEqual([
      'yum yum install vim',
      'dnf -a x dnf up',
      'wget wget x',
    ]);
  });
  it('keeps `command -v` as command', () => {
    expect(commandLines('RUN command -v yum')).toEqual(['command -v yum']);
  });
  it('has no commands for other instructions', () => {
    expect(commandLines('CMD yum install vim')).toEqual([]);
  });
});

describe('script questions', () => {
  it('hasPipes and usingProgram', () => {
    const [piped, plain] = instructions('RUN curl x | sh\nRUN cd /x && make');
    expect(hasPipes(piped!)).toBe(true);
    expect(hasPipes(plain!)).toBe(false);
    expect(usingProgram(plain!, 'cd')).toBe(true);
    expect(usingProgram(plain!, 'curl')).toBe(false);
  });
  it('runOf resolves ONBUILD RUN to its trigger', () => {
    const [onbuild, copy] = instructions('ONBUILD RUN make\nONBUILD COPY a b');
    expect(runOf(onbuild!)).toBe(onbuild!.trigger);
    expect(runOf(copy!)).toBeNull();
  });
});
