import { describe, expect, it } from 'vitest';
import { parseShell } from '../../src/dockerfile/shell.js';

const names = (script: string) => parseShell(script).commands.map((c) => [c.name, ...c.args].join(' '));
const pipes = (script: string) => parseShell(script).pipelines.map((p) => p.map((c) => c.name).join('|'));

describe('parseShell', () => {
  it('sees every command through &&, ;, ||, subshells, blocks and substitutions', () => {
    expect(names('apt-get update && apt-get install -y "cur"l; (cd /x || exit 1) && { make; } && echo $(id -u)')).toEqual([
      'apt-get update', 'apt-get install -y curl', 'cd /x', 'exit 1', 'make', 'echo $(id -u)', 'id -u',
    ]);
  });

  it('removes quotes and escapes but keeps expansions', () => {
    expect(parseShell(`echo 'a b' "c \\"d\\"" e\\ f $HOME/x "\${X:-y}"`).commands[0]!.args).toEqual([
      'a b', 'c "d"', 'e f', '$HOME/x', '${X:-y}',
    ]);
  });

  it('records assignments before the command', () => {
    expect(parseShell('DEBIAN_FRONTEND=noninteractive apt-get install -y x').commands[0]).toEqual({
      name: 'apt-get', args: ['install', '-y', 'x'], assigns: [{ name: 'DEBIAN_FRONTEND', value: 'noninteractive' }],
    });
  });

  it('sees commands inside if, for, while and case (test expressions are conditions, as in ShellCheck)', () => {
    expect(names('if [ -f x ]; then rm x; fi; for i in 1 2; do echo $i; done; while false; do sleep 1; done; case $a in b) touch c;; esac'))
      .toEqual(['rm x', 'echo $i', 'false', 'sleep 1', 'touch c']);
  });

  it('groups pipelines with bash precedence (| binds tighter than &&)', () => {
    expect(pipes('curl -fsSL https://x | sh')).toEqual(['curl|sh']);
    expect(pipes('a | b | c | d')).toEqual(['a|b|c|d']);
    expect(pipes('curl x | sh && echo done')).toEqual(['curl|sh']);
    expect(pipes('a && b | c')).toEqual(['b|c']);
    expect(pipes('x || wget -O- y | bash -s')).toEqual(['wget|bash']);
    expect(pipes('a && b')).toEqual([]);
  });

  it('reports a syntax error but keeps what it could read', () => {
    const parsed = parseShell('apt-get update && echo "unterminated');
    expect(parsed.error).toMatch(/line 1/);
    expect(parsed.commands[0]!.name).toBe('apt-get');
  });

  it('reads a long simple script, and says when a script is too long to read', () => {
    const long = Array.from({ length: 20_000 }, (_, i) => `echo line${i}`).join(' && ');
    expect(parseShell(long)).toMatchObject({ error: null, unread: false });
    expect(parseShell(long).commands).toHaveLength(20_000);
    // backticks leave the simple reader, and tree-sitter is not given more than 256 KiB
    const complex = `echo \`id\` && ${long}`;
    expect(parseShell(complex)).toMatchObject({ unread: true, commands: [] });
    expect(parseShell(complex).error).toMatch(/over the shell parser's limit of 262144/);
    expect(parseShell('x'.repeat(5_000_000))).toMatchObject({ unread: true });
  });
});
