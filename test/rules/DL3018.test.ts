import { DL3018 } from '../../src/rules/DL3018.js';
import { describeRule, type RuleCase } from './harness.js';

function both(name: string, run: string, caught: boolean): RuleCase[] {
  return [
    { name, dockerfile: run, lines: caught ? [1] : [] },
    { name: `${name} (ONBUILD)`, dockerfile: `FROM alpine:3\nONBUILD ${run}`, lines: caught ? [2] : [] },
  ];
}

describeRule(DL3018, [
  // hadolint DL3018Spec: every case below, by its case name (plain and ONBUILD)
  ...both('apk add version pinning single', 'RUN apk add flex', true),
  ...both('apk add no version pinning single', 'RUN apk add flex=2.6.4-r1', false),
  // hadolint DL3018Spec: "apk add tilde version pinning single"
  ...both('apk add tilde version pinning single', 'RUN apk add --no-cache git~2.52.0', false),
  ...both('apk add version pinned chained', 'RUN apk add --no-cache flex=2.6.4-r1 \\\n && pip install -r requirements.txt', false),
  ...both(
    'apk add version pinned regression',
    'RUN apk add --no-cache \\\nflex=2.6.4-r1 \\\nlibffi=3.2.1-r3 \\\npython2=2.7.13-r1 \\\nlibbz2=1.0.6-r5',
    false,
  ),
  ...both(
    'apk add version pinned regression - one missed',
    'RUN apk add --no-cache \\\nflex=2.6.4-r1 \\\nlibffi \\\npython2=2.7.13-r1 \\\nlibbz2=1.0.6-r5',
    true,
  ),
  ...both(
    'apk add virtual package',
    'RUN apk add \\\n--virtual build-dependencies \\\npython-dev=1.1.1 build-base=2.2.2 wget=3.3.3 \\\n&& pip install -r requirements.txt \\\n&& python setup.py install \\\n&& apk del build-dependencies',
    false,
  ),
  ...both(
    'apk add with repository without equal sign',
    'RUN apk add --no-cache \\\n--repository https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0',
    false,
  ),
  ...both(
    'apk add with repository with equal sign',
    'RUN apk add --no-cache \\\n--repository=https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0',
    false,
  ),
  ...both(
    'apk add with repository (-X) without equal sign',
    'RUN apk add --no-cache \\\n-X https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0',
    false,
  ),
  ...both("don't trigger when installing from .apk file", 'RUN apk add mypackage-1.1.1.apk', false),
  // corner cases
  { name: '-t virtual name is not a package', dockerfile: 'RUN apk add -t .build-deps gcc=12', lines: [] },
  { name: 'apk del is not checked', dockerfile: 'RUN apk del flex', lines: [] },
  { name: 'exec form', dockerfile: 'RUN ["apk", "add", "curl"]', lines: [1] },
  { name: 'multi-stage, lowercase', dockerfile: 'FROM alpine:3\nrun apk add curl=8.0\nFROM alpine:3\nRUN apk add curl', lines: [4] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3018Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3018Spec: apk add version pinning single (ONBUILD)', dockerfile: 'ONBUILD RUN apk add flex\n', lines: [1] },
  { name: 'DL3018Spec: apk add no version pinning single (ONBUILD)', dockerfile: 'ONBUILD RUN apk add flex=2.6.4-r1\n', lines: [] },
  { name: 'DL3018Spec: apk add tilde version pinning single (ONBUILD)', dockerfile: 'ONBUILD RUN apk add --no-cache git~2.52.0\n', lines: [] },
  { name: 'DL3018Spec: apk add ~= and =~ version pinning', dockerfile: 'RUN apk add --no-cache git~=2.52\n', lines: [] },
  { name: 'DL3018Spec: apk add ~= and =~ version pinning #2', dockerfile: 'RUN apk add --no-cache git=~2.52\n', lines: [] },
  { name: 'DL3018Spec: apk add ~= and =~ version pinning (ONBUILD)', dockerfile: 'ONBUILD RUN apk add --no-cache git~=2.52\n', lines: [] },
  { name: 'DL3018Spec: apk add ~= and =~ version pinning (ONBUILD) #2', dockerfile: 'ONBUILD RUN apk add --no-cache git=~2.52\n', lines: [] },
  { name: 'DL3018Spec: apk add version pinned chained (ONBUILD)', dockerfile: 'ONBUILD RUN apk add --no-cache flex=2.6.4-r1 \\\n && pip install -r requirements.txt\n\n', lines: [] },
  { name: 'DL3018Spec: apk add version pinned regression (ONBUILD)', dockerfile: 'ONBUILD RUN apk add --no-cache \\\nflex=2.6.4-r1 \\\nlibffi=3.2.1-r3 \\\npython2=2.7.13-r1 \\\nlibbz2=1.0.6-r5\n\n', lines: [] },
  { name: 'DL3018Spec: apk add version pinned with fuzzy versions', dockerfile: 'RUN apk add --no-cache \\\n  "flex>=2.6.1-r1" \\\n  "libffi~3.2.1" \\\n  "python3<3.6.12-r2" \\\n  "libbz2=~1.0.6-r4"\n\n', lines: [] },
  { name: 'DL3018Spec: apk add version pinned with fuzzy versions (ONBUILD)', dockerfile: 'ONBUILD RUN apk add --no-cache \\\n  "flex>=2.6.1-r1" \\\n  "libffi~3.2.1" \\\n  "python3<3.6.12-r2" \\\n  "libbz2=~1.0.6-r4"\n\n', lines: [] },
  { name: 'DL3018Spec: apk add version pinned regression - one missed (ONBUILD)', dockerfile: 'ONBUILD RUN apk add --no-cache \\\nflex=2.6.4-r1 \\\nlibffi \\\npython2=2.7.13-r1 \\\nlibbz2=1.0.6-r5\n\n', lines: [1] },
  { name: 'DL3018Spec: apk add virtual package (ONBUILD)', dockerfile: 'ONBUILD RUN apk add \\\n--virtual build-dependencies \\\npython-dev=1.1.1 build-base=2.2.2 wget=3.3.3 \\\n&& pip install -r requirements.txt \\\n&& python setup.py install \\\n&& apk del build-dependencies\n\n', lines: [] },
  { name: 'DL3018Spec: apk add with repository without equal sign (ONBUILD)', dockerfile: 'ONBUILD RUN apk add --no-cache \\\n--repository https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0\n\n', lines: [] },
  { name: 'DL3018Spec: apk add with repository with equal sign (ONBUILD)', dockerfile: 'ONBUILD RUN apk add --no-cache \\\n--repository=https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0\n\n', lines: [] },
  { name: 'DL3018Spec: apk add with repository (-X) without equal sign (ONBUILD)', dockerfile: 'ONBUILD RUN apk add --no-cache \\\n-X https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0\n\n', lines: [] },
  { name: 'DL3018Spec: don\'t trigger when installing from .apk file (ONBUILD)', dockerfile: 'ONBUILD RUN apk add mypackage-1.1.1.apk\n', lines: [] },
]);
