import { DL3013 } from '../../src/rules/DL3013.js';
import { describeRule, type RuleCase } from './harness.js';

/** A RUN line as hadolint's spec writes it, plain (line 1) and wrapped in ONBUILD (line 2). */
function both(name: string, run: string, caught: boolean): RuleCase[] {
  return [
    { name, dockerfile: run, lines: caught ? [1] : [] },
    { name: `${name} (ONBUILD)`, dockerfile: `FROM python:3\nONBUILD ${run}`, lines: caught ? [2] : [] },
  ];
}

describeRule(DL3013, [
  // hadolint DL3013Spec: every case below, by its case name (plain and ONBUILD where hadolint checks it)
  ...both('pip2 version not pinned', 'RUN pip2 install MySQL_python', true),
  ...both('pip3 version not pinned', 'RUN pip3 install MySQL_python', true),
  ...both('pip3 version pinned', 'RUN pip3 install MySQL_python==1.2.2', false),
  ...both('pip3 install from local wheel', 'RUN pip3 install mypkg.whl', false),
  ...both('pip3 install from local sdist', 'RUN pip3 install mypkg.tar.gz', false),
  ...both('pip install requirements', 'RUN pip install -r requirements.txt', false),
  ...both('pip install requirements with long flag', 'RUN pip install --requirement requirements.txt', false),
  ...both('pip install use setup.py', 'RUN pip install .', false),
  ...both('pip version not pinned', 'RUN pip install MySQL_python', true),
  ...both('pip version pinned', 'RUN pip install MySQL_python==1.2.2', false),
  ...both('pip version pinned with ~= operator', 'RUN pip install MySQL_python~=1.2.2', false),
  ...both('pip version pinned with === operator', 'RUN pip install MySQL_python===1.2.2', false),
  ...both('pip version pinned with flag --ignore-installed', 'RUN pip install --ignore-installed MySQL_python==1.2.2', false),
  ...both('pip version pinned with flag --build', 'RUN pip3 install --build /opt/yamllint yamllint==1.20.0', false),
  ...both('pip version pinned with flag --prefix', 'RUN pip3 install --prefix /opt/yamllint yamllint==1.20.0', false),
  ...both('pip version pinned with flag --root', 'RUN pip3 install --root /opt/yamllint yamllint==1.20.0', false),
  ...both('pip version pinned with flag --target', 'RUN pip3 install --target /opt/yamllint yamllint==1.20.0', false),
  ...both('pip version pinned with flag --trusted-host', 'RUN pip3 install --trusted-host host example==1.2.2', false),
  ...both('pip version pinned with python -m', 'RUN python -m pip install example==1.2.2', false),
  ...both('pip version not pinned with python -m', 'RUN python -m pip install example', true),
  ...both('pip not pinned with python -m and --index-url', 'RUN python -m pip install --index-url url example', true),
  ...both('pip install git', 'RUN pip install git+https://github.com/rtfd/r-ext.git@0.6-alpha#egg=r-ext', false),
  ...both('pip install git+ssh', 'RUN pip install git+ssh://github.com/rtfd/r-ext.git@0.6-alpha#egg=r-ext', false),
  ...both('pip install unversioned git', 'RUN pip install git+https://github.com/rtfd/read-ext.git#egg=read-ext', true),
  ...both('pip install unversioned git+ssh', 'RUN pip install git+ssh://github.com/rtfd/read-ext.git#egg=read-ext', true),
  ...both('pip install local dir', 'RUN pip install foo/bar', false),
  ...both('pip install https url package', 'RUN pip install https://foo.bar/baz.zip', false),
  ...both('pip install upper bound', "RUN pip install 'alabaster>=0.7'", false),
  ...both('pip install lower bound', "RUN pip install 'alabaster<0.7'", false),
  ...both('pip install excluded version', "RUN pip install 'alabaster!=0.7'", false),
  ...both('pip install user directory', 'RUN pip install MySQL_python==1.2.2 --user', false),
  ...both('pip install no pip version check', 'RUN pip install MySQL_python==1.2.2 --disable-pip-version-check', false),
  ...both('pip install --index-url', 'RUN pip install --index-url https://eg.com/foo foobar==1.0.0', false),
  ...both(
    'pip install --index-url with --extra-index-url',
    'RUN pip install --index-url https://eg.com/foo --extra-index-url https://ex-eg.io/foo foobar==1.0.0',
    false,
  ),
  ...both('pip install no cache dir', 'RUN pip install MySQL_python==1.2.2 --no-cache-dir', false),
  ...both('pip install constraints file - long version argument', 'RUN pip install pykafka --constraint http://foo.bar.baz', false),
  ...both('pip install constraints file - short version argument', 'RUN pip install pykafka -c http://foo.bar.baz', false),
  ...both(
    'pip install --index-url with --extra-index-url with basic auth',
    'RUN pip install --index-url https://user:pass@eg.com/foo --extra-index-url https://user:pass@ex-eg.io/foo foobar==1.0.0',
    false,
  ),
  ...both('pipenv is not pip', 'RUN pipenv install black', false),
  // corner cases
  { name: 'index url given with -i', dockerfile: 'RUN pip install -i https://eg.com/simple foobar==1.0.0', lines: [] },
  { name: 'one unpinned package among pinned', dockerfile: 'RUN pip install a==1 b', lines: [1] },
  { name: 'pip3.11 counts as pip', dockerfile: 'RUN pip3.11 install requests', lines: [1] },
  { name: 'python3 -m pip', dockerfile: 'RUN python3 -m pip install requests', lines: [1] },
  { name: 'pip without install', dockerfile: 'RUN pip download requests', lines: [] },
  { name: 'pip install with no packages', dockerfile: 'RUN pip install --upgrade', lines: [] },
  { name: 'exec form', dockerfile: 'RUN ["pip", "install", "requests"]', lines: [1] },
  { name: 'chained after another command', dockerfile: 'FROM python:3\nRUN apt-get update && pip install flask', lines: [2] },
  { name: 'VCS URL without a ref is not a path', dockerfile: 'RUN pip install git+https://example.com/x.git', lines: [1] },
  {
    // hadolint master's dropFlagArg: an inline value (`=`) takes no next word
    name: '--index-url=value keeps the next word a package',
    dockerfile: 'RUN pip install --index-url=https://eg.com/simple requests',
    lines: [1],
  },
  { name: 'lowercase run, continued', dockerfile: 'FROM python:3\nrun pip install \\\n  flask', lines: [2] },
]);
