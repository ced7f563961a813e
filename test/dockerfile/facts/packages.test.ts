import { describe, expect, it } from 'vitest';
import {
  apkPinned,
  aptPinned,
  cleansAfterInstall,
  gemPinned,
  goPinned,
  namesPackage,
  npmPinned,
  packageInstall,
  packageInstalls,
  pipPinned,
  rpmPinned,
  systemPackageInstall,
  variablesIn,
  zypperPinned,
} from '../../../src/dockerfile/facts/packages.js';
import { command } from './command.js';

describe('packageInstall reads each manager as hadolint does', () => {
  it.each([
    ['apt-get install -y --no-install-recommends sudo curl', 'apt-get', 'install', ['sudo', 'curl']],
    ['apt-get install -t bookworm-backports curl', 'apt-get', 'install', ['curl']],
    // hadolint has no value list for -o, so its value stands among the packages (and is pinned: it has `=`)
    ['apt-get -y -o Dpkg::Options::=--force-confold install postfix', 'apt-get', 'install', ['Dpkg::Options::=--force-confold', 'postfix']],
    ['aptitude install vim', 'aptitude', 'install', ['vim']],
    ['apk --no-cache add -t .deps openssh', 'apk', 'add', ['openssh']],
    ['apk add --virtual .deps -X http://mirror gcc', 'apk', 'add', ['gcc']],
    ['yum -y install git-2.1', 'yum', 'install', ['git-2.1']],
    ['dnf module install -y nodejs:18', 'dnf', 'install', ['nodejs:18']],
    ['zypper -n in vsftpd', 'zypper', 'in', ['vsftpd']],
    ['pacman -Syu --noconfirm sudo', 'pacman', '-Syu', ['sudo']],
    ['pip3 install --no-cache-dir -i https://x requests==2', 'pip', 'install', ['requests==2']],
    ['pipx install --python python3.12 poetry', 'pip', 'install', ['poetry']],
    ['python3 -m pip install --upgrade pip', 'pip', 'install', ['pip']],
    ['npm install --registry https://r express', 'npm', 'install', ['express']],
    ['gem install --no-document rails:7', 'gem', 'install', []],
    ['gem install rails:7 -- --with-x', 'gem', 'install', ['rails:7']],
    ['go install ./cmd/... golang.org/x/tools/gopls@v0.16', 'go', 'install', ['./cmd/...', 'golang.org/x/tools/gopls@v0.16']],
    ['go run example.com/tool@v1 -flag value', 'go', 'run', ['example.com/tool@v1']],
    ['yarn add left-pad@1', 'yarn', 'add', ['left-pad@1']],
  ])('%s', (input, manager, verb, packages) => {
    expect(packageInstall(command(input))).toMatchObject({ manager, verb, packages });
  });

  it.each(['apt-get update', 'apk del sudo', 'pacman -Ss sudo', 'pipenv install x', 'npm run x install', 'dnf search sudo'])(
    '%s installs nothing',
    (input) => expect(packageInstall(command(input))).toBeNull(),
  );

  it('marks module and group installs of the rpm managers (not yum groups: hadolint reads those as packages)', () => {
    expect(packageInstall(command('yum module install nodejs'))).toMatchObject({ module: true, packages: ['nodejs'] });
    expect(packageInstall(command('dnf group install -y Tools'))).toMatchObject({ group: true });
    expect(packageInstall(command('yum group install -y Tools'))).toMatchObject({ group: false, packages: ['group', 'Tools'] });
  });

  it('packageInstalls filters by manager; systemPackageInstall only the distribution managers', () => {
    const commands = [command('apt-get install a'), command('pip install b'), command('apk add c')];
    expect(packageInstalls(commands, ['apk', 'pip']).map((i) => i.manager)).toEqual(['pip', 'apk']);
    expect(systemPackageInstall(commands[1]!)).toBeNull();
    expect(systemPackageInstall(commands[2]!)?.packages).toEqual(['c']);
  });
});

describe('version pins per manager', () => {
  it.each([
    [aptPinned, ['curl=7.88*', 'curl/bookworm', './x.deb'], ['curl']],
    [apkPinned, ['flex=2.6-r1', 'git~2.52', 'flex>=2.6.1-r1', 'python3<3.7', 'x.apk'], ['flex']],
    [zypperPinned, ['vim=9', 'vim>=9', 'x.rpm'], ['vim']],
    [pipPinned, ['a==1', 'a>=1', 'git+https://x/y@v1', 'x.whl', './dir', 'https://x/y'], ['a', 'git+https://x/y']],
    [npmPinned, ['a@1', '@s/a@1', 'git+https://x#v1', 'x.tgz', './dir'], ['a', '@s/a', 'git+https://x']],
    [gemPinned, ['rails:7'], ['rails']],
    [goPinned, ['x.org/t@v1', '.', './cmd'], ['x.org/t', 'x.org/t@latest', 'x.org/t@none']],
  ] as const)('%#', (pinned, yes, no) => {
    for (const pkg of yes) expect(pinned(pkg), pkg).toBe(true);
    for (const pkg of no) expect(pinned(pkg), pkg).toBe(false);
  });

  it('rpm: name-version with version characters, a .rpm, or a declared variable', () => {
    const none = () => false;
    expect(rpmPinned('openssl-1:1.1.1k', none)).toBe(true);
    expect(rpmPinned('gcc-c++-11.2', none)).toBe(true);
    expect(rpmPinned('x.rpm-1', none)).toBe(true);
    expect(rpmPinned('git-core', none)).toBe(false);
    expect(rpmPinned('git', none)).toBe(false);
    expect(rpmPinned('git-core-$version', (n) => n === 'version')).toBe(true);
    expect(rpmPinned('git-core-${version}', (n) => n === 'version')).toBe(true);
    expect(rpmPinned('git-core-${version}', none)).toBe(false);
  });

  it('variablesIn reads $name and ${name}, as hadolint does', () => {
    expect(variablesIn('a-$v-${w}-${x:-1}')).toEqual(['v', 'w']);
  });

  it('namesPackage matches a name with any pin or arch, not another name', () => {
    for (const word of ['sudo', 'sudo=1.9.13p3-1', 'sudo:amd64', 'sudo/bookworm-backports', 'sudo-1.9.5p2', 'sudo.x86_64', 'sudo~1.9']) {
      expect(namesPackage(word, 'sudo'), word).toBe(true);
    }
    for (const word of ['sudo-ldap', 'pseudo', 'sudoku']) expect(namesPackage(word, 'sudo'), word).toBe(false);
  });
});

describe('cleansAfterInstall', () => {
  const installs = (c: { name: string }) => c.name === 'install';
  const cleans = (c: { name: string }) => c.name === 'clean';
  it('passes without install, or with the first clean after the first install', () => {
    expect(cleansAfterInstall([command('x')], installs, cleans)).toBe(true);
    expect(cleansAfterInstall([command('install'), command('clean')], installs, cleans)).toBe(true);
    expect(cleansAfterInstall([command('clean'), command('install')], installs, cleans)).toBe(false);
    expect(cleansAfterInstall([command('install')], installs, cleans)).toBe(false);
  });
});
