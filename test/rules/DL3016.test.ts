import { DL3016 } from '../../src/rules/DL3016.js';
import { describeRule, type RuleCase } from './harness.js';

function both(name: string, run: string, caught: boolean): RuleCase[] {
  return [
    { name, dockerfile: run, lines: caught ? [1] : [] },
    { name: `${name} (ONBUILD)`, dockerfile: `FROM node:20\nONBUILD ${run}`, lines: caught ? [2] : [] },
  ];
}

describeRule(DL3016, [
  // hadolint DL3016Spec: every case below, by its case name (plain and ONBUILD where hadolint checks it)
  ...both('version pinned in package.json', 'RUN npm install', false),
  ...both('version pinned in package.json with arguments', 'RUN npm install --progress=false', false),
  ...both('version pinned', 'RUN npm install express@4.1.1', false),
  ...both('version pinned with scope', 'RUN npm install @myorg/privatepackage@">=0.1.0"', false),
  ...both('version pinned multiple packages', 'RUN npm install express@"4.1.1" sax@0.1.1', false),
  ...both('version pinned with --global', 'RUN npm install --global express@"4.1.1"', false),
  ...both('version pinned with -g', 'RUN npm install -g express@"4.1.1"', false),
  ...both('tarball suffix .tar', 'RUN npm install package-v1.2.3.tar', false),
  ...both('tarball suffix .tar.gz', 'RUN npm install package-v1.2.3.tar.gz', false),
  ...both('tarball suffix .tgz', 'RUN npm install package-v1.2.3.tgz', false),
  ...both('folder - absolute path', 'RUN npm install /folder', false),
  ...both('folder - relative path from current folder', 'RUN npm install ./folder', false),
  ...both('folder - relative path to parent folder', 'RUN npm install ../folder', false),
  ...both('folder - relative path from home', 'RUN npm install ~/folder', false),
  ...both('commit pinned for git+ssh', 'RUN npm install git+ssh://git@github.com:npm/npm.git#v1.0.27', false),
  ...both('commit pinned for git+http', 'RUN npm install git+http://isaacs@github.com/npm/npm#semver:^5.0', false),
  ...both('commit pinned for git+https', 'RUN npm install git+https://isaacs@github.com/npm/npm.git#v1.0.27', false),
  ...both('commit pinned for git', 'RUN npm install git://github.com/npm/npm.git#v1.0.27', false),
  ...both('npm run install is fine', 'RUN npm run --crazy install', false),
  ...both('version range with scope', 'RUN npm install @myorg/privatepackage@">=0.1.0 <0.2.0"', false),
  ...both('version not pinned', 'RUN npm install express', true),
  ...both('version not pinned with scope', 'RUN npm install @myorg/privatepackage', true),
  ...both('version not pinned multiple packages', 'RUN npm install express sax@0.1.1', true),
  ...both('version not pinned with --global', 'RUN npm install --global express', true),
  ...both('commit not pinned for git+ssh', 'RUN npm install git+ssh://git@github.com:npm/npm.git', true),
  ...both('commit not pinned for git+http', 'RUN npm install git+http://isaacs@github.com/npm/npm', true),
  ...both('commit not pinned for git+https', 'RUN npm install git+https://isaacs@github.com/npm/npm.git', true),
  ...both('commit not pinned for git', 'RUN npm install git://github.com/npm/npm.git', true),
  ...both("don't fire on loglevel flag", 'RUN npm install --loglevel verbose sax@0.1.1', false),
  // hadolint DL3016Spec: "don't fire on registry flag"
  ...both("don't fire on registry flag", 'RUN npm install --registry https://example.com sax@0.1.1', false),
  // hadolint DL3016Spec: "version not pinned with --registry flag"
  ...both('version not pinned with --registry flag', 'RUN npm install --registry https://example.com express', true),
  // hadolint DL3016Spec: "version not pinned with --registry=value form"
  ...both('version not pinned with --registry=value form', 'RUN npm install --registry=https://example.com express', true),
  ...both('pinned with --registry=value form', 'RUN npm install --registry=https://example.com express@4.1.1', false),
  ...both('--loglevel=value keeps the next word as a package', 'RUN npm install --loglevel=verbose express', true),
  // corner cases
  { name: 'npm i is not checked (as in hadolint)', dockerfile: 'RUN npm i express', lines: [] },
  { name: 'npm ci is fine', dockerfile: 'RUN npm ci', lines: [] },
  { name: 'scope with a dash, pinned', dockerfile: 'RUN npm install @my-org/pkg@1.0.0', lines: [] },
  { name: 'a scope-like name without a slash loses its version to hadolint\'s scope skip', dockerfile: 'RUN npm install @types@2', lines: [1] },
  { name: 'exec form', dockerfile: 'RUN ["npm", "install", "express"]', lines: [1] },
  { name: 'chained', dockerfile: 'FROM node:20\nRUN npm ci && npm install -g typescript', lines: [2] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3016Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3016Spec: version pinned in package.json (ONBUILD)', dockerfile: 'ONBUILD RUN npm install\n', lines: [] },
  { name: 'DL3016Spec: version pinned in package.json with arguments (ONBUILD)', dockerfile: 'ONBUILD RUN npm install --progress=false\n', lines: [] },
  { name: 'DL3016Spec: version pinned (ONBUILD)', dockerfile: 'ONBUILD RUN npm install express@4.1.1\n', lines: [] },
  { name: 'DL3016Spec: version pinned with scope (ONBUILD)', dockerfile: 'ONBUILD RUN npm install @myorg/privatepackage@">=0.1.0"\n', lines: [] },
  { name: 'DL3016Spec: version pinned multiple packages (ONBUILD)', dockerfile: 'ONBUILD RUN npm install express@"4.1.1" sax@0.1.1\n', lines: [] },
  { name: 'DL3016Spec: version pinned with --global (ONBUILD)', dockerfile: 'ONBUILD RUN npm install --global express@"4.1.1"\n', lines: [] },
  { name: 'DL3016Spec: version pinned with -g (ONBUILD)', dockerfile: 'ONBUILD RUN npm install -g express@"4.1.1"\n', lines: [] },
  { name: 'DL3016Spec: version does not have to be pinned for tarball suffix .tar (ONBUILD)', dockerfile: 'ONBUILD RUN npm install package-v1.2.3.tar\n', lines: [] },
  { name: 'DL3016Spec: version does not have to be pinned for tarball suffix .tar.gz (ONBUILD)', dockerfile: 'ONBUILD RUN npm install package-v1.2.3.tar.gz\n', lines: [] },
  { name: 'DL3016Spec: version does not have to be pinned for tarball suffix .tgz (ONBUILD)', dockerfile: 'ONBUILD RUN npm install package-v1.2.3.tgz\n', lines: [] },
  { name: 'DL3016Spec: version does not have to be pinned for folder - absolute path (ONBUILD)', dockerfile: 'ONBUILD RUN npm install /folder\n', lines: [] },
  { name: 'DL3016Spec: version does not have to be pinned for folder - relative path from current folder (ONBUILD)', dockerfile: 'ONBUILD RUN npm install ./folder\n', lines: [] },
  { name: 'DL3016Spec: version does not have to be pinned for folder - relative path to parent folder (ONBUILD)', dockerfile: 'ONBUILD RUN npm install ../folder\n', lines: [] },
  { name: 'DL3016Spec: version does not have to be pinned for folder - relative path from home (ONBUILD)', dockerfile: 'ONBUILD RUN npm install ~/folder\n', lines: [] },
  { name: 'DL3016Spec: commit pinned for git+ssh (ONBUILD)', dockerfile: 'ONBUILD RUN npm install git+ssh://git@github.com:npm/npm.git#v1.0.27\n', lines: [] },
  { name: 'DL3016Spec: commit pinned for git+http (ONBUILD)', dockerfile: 'ONBUILD RUN npm install git+http://isaacs@github.com/npm/npm#semver:^5.0\n', lines: [] },
  { name: 'DL3016Spec: commit pinned for git+https (ONBUILD)', dockerfile: 'ONBUILD RUN npm install git+https://isaacs@github.com/npm/npm.git#v1.0.27\n', lines: [] },
  { name: 'DL3016Spec: commit pinned for git (ONBUILD)', dockerfile: 'ONBUILD RUN npm install git://github.com/npm/npm.git#v1.0.27\n', lines: [] },
  { name: 'DL3016Spec: npm run install is fine (ONBUILD)', dockerfile: 'ONBUILD RUN npm run --crazy install\n', lines: [] },
  { name: 'DL3016Spec: version pinned with scope (ONBUILD) #2', dockerfile: 'ONBUILD RUN npm install @myorg/privatepackage@">=0.1.0 <0.2.0"\n', lines: [] },
  { name: 'DL3016Spec: version not pinned (ONBUILD)', dockerfile: 'ONBUILD RUN npm install express\n', lines: [1] },
  { name: 'DL3016Spec: version not pinned with scope (ONBUILD)', dockerfile: 'ONBUILD RUN npm install @myorg/privatepackage\n', lines: [1] },
  { name: 'DL3016Spec: version not pinned multiple packages (ONBUILD)', dockerfile: 'ONBUILD RUN npm install express sax@0.1.1\n', lines: [1] },
  { name: 'DL3016Spec: version not pinned with --global (ONBUILD)', dockerfile: 'ONBUILD RUN npm install --global express\n', lines: [1] },
  { name: 'DL3016Spec: commit not pinned for git+ssh (ONBUILD)', dockerfile: 'ONBUILD RUN npm install git+ssh://git@github.com:npm/npm.git\n', lines: [1] },
  { name: 'DL3016Spec: commit not pinned for git+http (ONBUILD)', dockerfile: 'ONBUILD RUN npm install git+http://isaacs@github.com/npm/npm\n', lines: [1] },
  { name: 'DL3016Spec: commit not pinned for git+https (ONBUILD)', dockerfile: 'ONBUILD RUN npm install git+https://isaacs@github.com/npm/npm.git\n', lines: [1] },
  { name: 'DL3016Spec: commit not pinned for git (ONBUILD)', dockerfile: 'ONBUILD RUN npm install git://github.com/npm/npm.git\n', lines: [1] },
  { name: 'DL3016Spec: don\'t fire on loglevel flag (ONBUILD)', dockerfile: 'ONBUILD RUN npm install --loglevel verbose sax@0.1.1\n', lines: [] },
  { name: 'DL3016Spec: don\'t fire on registry flag (ONBUILD)', dockerfile: 'ONBUILD RUN npm install --registry https://example.com sax@0.1.1\n', lines: [] },
  { name: 'DL3016Spec: version not pinned with --registry flag (ONBUILD)', dockerfile: 'ONBUILD RUN npm install --registry https://example.com express\n', lines: [1] },
  { name: 'DL3016Spec: version not pinned with --registry=value form (ONBUILD)', dockerfile: 'ONBUILD RUN npm install --registry=https://example.com express\n', lines: [1] },
]);
