import { DL3042 } from '../../src/rules/DL3042.js';
import { describeRule, type RuleCase } from './harness.js';

const truthy = ['1', 'on', 'yes', 'true'];
const falsy = ['0', 'off', 'no', 'false'];

describeRule(DL3042, [
  { name: 'pip2 without --no-cache-dir', dockerfile: 'RUN pip2 install MySQL_python', lines: [1] },
  { name: 'ONBUILD pip2', dockerfile: 'ONBUILD RUN pip2 install MySQL_python', lines: [1] },
  { name: 'pip3 without --no-cache-dir', dockerfile: 'RUN pip3 install MySQL_python', lines: [1] },
  { name: 'ONBUILD pip3', dockerfile: 'ONBUILD RUN pip3 install MySQL_python', lines: [1] },
  { name: 'pip without --no-cache-dir', dockerfile: 'RUN pip install MySQL_python', lines: [1] },
  { name: 'ONBUILD pip', dockerfile: 'ONBUILD RUN pip install MySQL_python', lines: [1] },
  { name: 'pip2 with --no-cache-dir', dockerfile: 'RUN pip2 install MySQL_python --no-cache-dir', lines: [] },
  { name: 'ONBUILD pip2 with --no-cache-dir', dockerfile: 'ONBUILD RUN pip2 install MySQL_python --no-cache-dir', lines: [] },
  { name: 'pip3 with --no-cache-dir', dockerfile: 'RUN pip3 install --no-cache-dir MySQL_python', lines: [] },
  { name: 'pip with --no-cache-dir', dockerfile: 'RUN pip install MySQL_python --no-cache-dir', lines: [] },
  { name: 'pipx is not pip', dockerfile: 'RUN pipx install software', lines: [] },
  { name: 'ONBUILD pipx, lowercase keyword', dockerfile: 'ONBUILD Run pipx install software', lines: [] },
  { name: 'pipenv is not pip', dockerfile: 'RUN pipenv install library', lines: [] },
  { name: 'python -m pipx is not pip', dockerfile: 'RUN python3 -m pipx install black', lines: [] },
  { name: 'python -m pip install', dockerfile: 'RUN python3 -m pip install black', lines: [1] },
  { name: 'python -m pip install --no-cache-dir', dockerfile: 'RUN python3 -m pip install --no-cache-dir black', lines: [] },
  ...truthy.flatMap((v): RuleCase[] => [
    { name: `ENV PIP_NO_CACHE_DIR=${v}`, dockerfile: `ENV PIP_NO_CACHE_DIR=${v}\nRUN pip install MySQL_python`, lines: [] },
    { name: `RUN PIP_NO_CACHE_DIR=${v} pip`, dockerfile: `RUN PIP_NO_CACHE_DIR=${v} pip install MySQL_python`, lines: [] },
    { name: `RUN export PIP_NO_CACHE_DIR=${v}`, dockerfile: `RUN export PIP_NO_CACHE_DIR=${v} && pip install MySQL_python`, lines: [] },
  ]),
  ...falsy.flatMap((v): RuleCase[] => [
    { name: `ENV PIP_NO_CACHE_DIR=${v}`, dockerfile: `ENV PIP_NO_CACHE_DIR=${v}\nRUN pip install MySQL_python`, lines: [2] },
    { name: `RUN PIP_NO_CACHE_DIR=${v} pip`, dockerfile: `RUN PIP_NO_CACHE_DIR=${v} pip install MySQL_python`, lines: [1] },
    { name: `RUN export PIP_NO_CACHE_DIR=${v}`, dockerfile: `RUN export PIP_NO_CACHE_DIR=${v} && pip install MySQL_python`, lines: [1] },
  ]),
  {
    name: 'PIP_NO_CACHE_DIR inherited from the parent stage',
    dockerfile: 'FROM debian:buster as base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install six',
    lines: [],
  },
  {
    name: 'PIP_NO_CACHE_DIR of another stage is not inherited',
    dockerfile: 'FROM debian:buster as base\nENV PIP_NO_CACHE_DIR=1\nFROM debian:buster\nRUN pip install six',
    lines: [4],
  },
  { name: 'cache mount on the pip cache', dockerfile: 'RUN --mount=type=cache,target=/root/.cache/pip pip install foobar', lines: [] },
  { name: 'tmpfs mount on the pip cache', dockerfile: 'RUN --mount=type=tmpfs,target=/root/.cache/pip pip install foobar', lines: [] },
  { name: 'cache mount elsewhere', dockerfile: 'RUN --mount=type=cache,target=/var/cache/apt pip install foobar', lines: [1] },
  { name: 'exec form', dockerfile: 'RUN ["pip", "install", "six"]', lines: [1] },
  { name: 'second stage reported on its RUN line', dockerfile: 'FROM python:3.12\nRUN pip install --no-cache-dir a\nFROM python:3.12\nRUN pip install \\\n  b', lines: [4] },
  // hadolint DL3042Spec: "pip3 --no-cache-dir used"
  { name: 'ONBUILD pip3 with --no-cache-dir', dockerfile: 'ONBUILD RUN pip3 install --no-cache-dir MySQL_python', lines: [] },
  // hadolint DL3042Spec: "pip --no-cache-dir used"
  { name: 'ONBUILD pip with --no-cache-dir', dockerfile: 'ONBUILD RUN pip install MySQL_python --no-cache-dir', lines: [] },
  // hadolint DL3042Spec: "don't match on pipenv"
  { name: 'ONBUILD pipenv is not pip', dockerfile: 'ONBUILD RUN pipenv install library', lines: [] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3042Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3042Spec: ok with cache mount in cache dir (ONBUILD)', dockerfile: 'ONBUILD RUN --mount=type=cache,target=/root/.cache/pip pip install foobar\n', lines: [] },
  { name: 'DL3042Spec: ok with tmpfs mount in cache dir (ONBUILD)', dockerfile: 'ONBUILD RUN --mount=type=tmpfs,target=/root/.cache/pip pip install foobar\n', lines: [] },
]);
