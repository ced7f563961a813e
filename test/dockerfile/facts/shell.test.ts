import { describe, expect, it } from 'vitest';
import {
  cmdHasArgs,
  cmdHasPrefixArg,
  countFlag,
  dropFlagArg,
  dropQuotes,
  getAllFlags,
  getArgsNoFlags,
  getFlagArg,
  hasAnyFlag,
  hasArg,
  hasArgs,
  hasFlag,
  optionFlags,
  stripInstallPrefix,
} from '../../../src/dockerfile/facts/shell.js';
import { command } from './command.js';

describe('getAllFlags (hadolint getAllFlags)', () => {
  it('splits short flags into letters, keeps long names without value, and remembers the argument', () => {
    expect(getAllFlags(command('apt-get install -yq --no-install-recommends --opt=x curl'))).toEqual([
      { flag: 'y', index: 1 },
      { flag: 'q', index: 1 },
      { flag: 'no-install-recommends', index: 2 },
      { flag: 'opt', index: 3 },
    ]);
  });
  it('reads past `--`, and `-` and `--` themselves are no flags', () => {
    expect(getAllFlags(command('rm -- -x - --')).map((f) => f.flag)).toEqual(['x']);
  });
  it('is computed once per command', () => {
    const c = command('tar -xzf a.tgz');
    expect(getAllFlags(c)).toBe(getAllFlags(c));
  });
});

describe('flag questions', () => {
  const c = command('apt-get -q -q install -y curl --quiet');
  it('hasFlag, hasAnyFlag, countFlag', () => {
    expect(hasFlag(c, 'y')).toBe(true);
    expect(hasFlag(c, 'yes')).toBe(false);
    expect(hasAnyFlag(c, ['yes', 'quiet'])).toBe(true);
    expect(countFlag(c, 'q')).toBe(2);
    expect(countFlag(command('apt-get -qq install x'), 'q')).toBe(2);
  });
});

describe('argument questions', () => {
  const c = command('python3 -m pip install --upgrade pip');
  it('hasArg is an exact word, hasArgs a run of words', () => {
    expect(hasArg(c, 'pip')).toBe(true);
    expect(hasArg(c, 'pi')).toBe(false);
    expect(hasArgs(c, ['-m', 'pip', 'install'])).toBe(true);
    expect(hasArgs(c, ['-m', 'install'])).toBe(false);
  });
  it('cmdHasArgs needs the name and any one of the words', () => {
    expect(cmdHasArgs(command('yum -y install x'), 'yum', ['install', 'groupinstall'])).toBe(true);
    expect(cmdHasArgs(command('yum -y install x'), ['dnf', 'yum'], ['install'])).toBe(true);
    expect(cmdHasArgs(command('dnf -y install x'), 'yum', ['install'])).toBe(false);
    expect(cmdHasArgs(command('yum update'), 'yum', ['install'])).toBe(false);
  });
  it('cmdHasPrefixArg', () => {
    expect(cmdHasPrefixArg(command('gem install --version=1 x'), 'gem', '--version=')).toBe(true);
    expect(cmdHasPrefixArg(command('gem install x'), 'gem', '--version=')).toBe(false);
  });
});

describe('getArgsNoFlags and dropFlagArg (hadolint master)', () => {
  it('keeps every argument that holds no flag, `-` and `--` included', () => {
    expect(getArgsNoFlags(command('apt-get install -y curl -- - x'))).toEqual(['install', 'curl', '--', '-', 'x']);
  });
  it('drops the word after a listed flag', () => {
    const c = command('apk add -t .deps --repository http://x gcc=12');
    expect(getArgsNoFlags(dropFlagArg(c, ['t', 'repository']))).toEqual(['add', 'gcc=12']);
  });
  it('drops nothing after a value given inline', () => {
    expect(getArgsNoFlags(dropFlagArg(command('apk add --repository=http://x gcc'), ['repository']))).toEqual(['add', 'gcc']);
    expect(getArgsNoFlags(dropFlagArg(command('pip install --root-user-action ignore poetry'), ['root-user-action']))).toEqual([
      'install',
      'poetry',
    ]);
  });
  it('returns the same command when nothing is dropped', () => {
    const c = command('apk add gcc');
    expect(dropFlagArg(c, ['t'])).toBe(c);
  });
});

describe('getFlagArg (hadolint getFlagArg)', () => {
  it('gives the word after each occurrence of the flag', () => {
    expect(getFlagArg(command('useradd -u 123456 -g 1 app'), 'u')).toEqual(['123456']);
    expect(getFlagArg(command('useradd -lu 99 app'), 'u')).toEqual(['99']);
    expect(getFlagArg(command('useradd app -u'), 'u')).toEqual([]);
  });
});

describe('words', () => {
  it('stripInstallPrefix gives what follows the first run of `install`', () => {
    expect(stripInstallPrefix(['-m', 'pip', 'install', 'install', 'a', 'install'])).toEqual(['a', 'install']);
    expect(stripInstallPrefix(['add', 'a'])).toEqual([]);
  });
  it('dropQuotes strips quotes of both kinds from both ends', () => {
    expect(dropQuotes(`"'/x'"`)).toBe('/x');
    expect(dropQuotes('a"b')).toBe('a"b');
  });
  it('optionFlags stops at the end of options', () => {
    expect(optionFlags(command('curl -fsSL -- -k'))).toEqual(['f', 's', 'S', 'L']);
  });
});
