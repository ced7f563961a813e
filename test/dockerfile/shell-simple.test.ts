import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/model.js';
import { readWithTreeSitter } from '../../src/dockerfile/shell.js';
import { readSimpleScript } from '../../src/dockerfile/shell-simple.js';
import { corpusFiles } from '../corpus.js';

/** What tree-sitter reads, for the scripts the simple reader accepts. */
function sameAsTreeSitter(script: string): void {
  const simple = readSimpleScript(script);
  expect(simple, script).not.toBeNull();
  expect(simple).toEqual(readWithTreeSitter(script));
}

describe('readSimpleScript reads as tree-sitter does', () => {
  it.each([
    'apt-get update && apt-get install -y --no-install-recommends curl=7.88* && rm -rf /var/lib/apt/lists/*',
    'a; b || c && d',
    'a\nb\n\nc &&\n  d',
    'curl -fsSL https://x | tar -xz -C /opt | cat && echo done',
    `echo 'a b' "c \\"d\\" \\$e" f\\g $HOME/x "\${X:-y}" --opt="v w"`,
    'DEBIAN_FRONTEND=noninteractive TZ= apt-get install -y tzdata',
    'A=1 && B="two words" && C=$(date) && echo $A',
    'export PATH="/opt/bin:$PATH" GOPATH=/go && unsetx=1 env',
    'echo "$(id -u)" x$(uname -m)z && VERSION=$(cat /v | tr -d "\\n") make',
    'cmd > /etc/a b 2>&1 && other 2>/dev/null >> "/var/log/x" && x &> /dev/null',
    'wget -qO- https://x | sh',
    'npm install -g pnpm@9 && pnpm i --frozen-lockfile',
    'echo a-$v-b $v/$w ${a}b${c}d',
    'if [ -f x ]; then rm x; elif [ "$(id -u)" != 0 ]; then b; else c; fi > /dev/null',
    'for i in a $(b) c; do echo $i; done && while read l; do echo $l; done < f',
    'until [[ -S /run/x ]]; do sleep 1; done; ! grep -q x f',
    '(cd /x && make) | tee log && { a; b; } 2>&1',
    'case "$(uname -m)" in amd64|x86_64) ARCH=amd64 ;; "arm64") ARCH=arm64; x ;; *) exit 1 ;; esac',
    'a # comment\nb  # another',
    'ddist() { local f="$1"; shift; local success=; wget -O "$f" "$u" && [ -s "$f" ]; }; ddist a b',
    'if ! echo "$x" | grep -q y; then z; fi; ! a | b && c',
    'echo ${m:+"https://r/$d"} "${a:-$b}" ${c:-${d}} ${e#*/} ${#f}',
    '',
  ])('%s', sameAsTreeSitter);

  it.each([
    ['a heredoc', 'cat <<EOF\nx\nEOF'],
    ['backticks', 'echo `id -u`'],
    ['a background job', 'a & b'],
    ['arithmetic', 'echo $((1 + 2))'],
    ['a line continuation left in the script', 'a \\\n b'],
    ['an escaped blank', 'echo a\\ b'],
    ['unbalanced quotes', 'echo "x'],
    ['a dangling operator', 'a &&'],
    ['an empty command', 'a ; ; b'],
    ['a redirection first', '>/dev/null cmd'],
    ['a word tree-sitter splits', 'wget https://x/$v/a-$v-linux.tar.gz'],
    ['an escape after an expansion', 'rm ${TEMP}\\*'],
    ['a redirected pipeline stage after &&', 'a && b 2>/dev/null | c'],
    ['deep nesting', `echo ${'$('.repeat(40)}x${')'.repeat(40)}`],
    ['unset', 'unset A'],
    ['PowerShell', "$ErrorActionPreference = 'Stop'; Write-Host ('a' -f $b)"],
    ['a test of four words', '[ "$a" = b then ]'],
    ['a parameter expansion that is not one', 'echo ${A|B}'],
    ['a quote inside ${…} inside a quote', 'echo "${A:-"b"}"'],
    ['digits glued to a redirection', 'ls -a2>l'],
    ['a `-` argument before 2>', 'apt-key add - 2>&1'],
    ['a `;;&` case item', 'case x in a) b ;;& esac'],
  ])('leaves %s to tree-sitter', (_name, script) => {
    expect(readSimpleScript(script)).toBeNull();
  });
});

const files = corpusFiles();

describe.skipIf(files.length === 0)('readSimpleScript on the corpus', () => {
  it('reads every RUN script of the corpus it accepts exactly as tree-sitter does, and accepts most', () => {
    const scripts = new Set<string>();
    for (const file of files) {
      for (const instruction of parseDockerfile(file, readFileSync(file, 'utf8')).instructions) {
        const run = instruction.keyword === 'ONBUILD' ? instruction.trigger : instruction;
        if (run?.keyword !== 'RUN') continue;
        scripts.add(run.json ? run.json.join(' ') : (instruction.shell()?.text ?? ''));
      }
    }
    let accepted = 0;
    const differing: string[] = [];
    for (const script of scripts) {
      const simple = readSimpleScript(script);
      if (!simple) continue;
      accepted++;
      if (JSON.stringify(simple) !== JSON.stringify(readWithTreeSitter(script))) differing.push(script);
    }
    expect(differing).toEqual([]);
    expect(accepted / scripts.size).toBeGreaterThan(0.7);
  }, 60_000);
});
