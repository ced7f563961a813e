import { DL3008 } from '../../src/rules/DL3008.js';
import { describeRule } from './harness.js';

const onbuild = (dockerfile: string) => `FROM debian:12\n${dockerfile.replace(/^RUN /gm, 'ONBUILD RUN ')}`;

describeRule(DL3008, [
  // hadolint DL3008Spec: every case below, by its case name (plain and ONBUILD where hadolint checks it)
  { name: 'apt-get version pinning', dockerfile: 'RUN apt-get update && apt-get install python', lines: [1] },
  { name: 'apt-get version pinning (ONBUILD)', dockerfile: onbuild('RUN apt-get update && apt-get install python'), lines: [2] },
  {
    name: 'apt-get pinned chained',
    dockerfile: 'RUN apt-get update \\\n && apt-get -yqq --no-install-recommends install nodejs=0.10 \\\n && rm -rf /var/lib/apt/lists/*',
    lines: [],
  },
  {
    name: 'apt-get pinned chained (ONBUILD)',
    dockerfile: onbuild('RUN apt-get update \\\n && apt-get -yqq --no-install-recommends install nodejs=0.10 \\\n && rm -rf /var/lib/apt/lists/*'),
    lines: [],
  },
  {
    name: 'apt-get pinned regression',
    dockerfile:
      'RUN apt-get update && apt-get install --no-install-recommends -y \\\npython-demjson=2.2.2* \\\nwget=1.16.1* \\\ngit=1:2.5.0* \\\nruby=1:2.1.*',
    lines: [],
  },
  { name: 'apt-get version', dockerfile: 'RUN apt-get install -y python=1.2.2', lines: [] },
  { name: 'apt-get version (ONBUILD)', dockerfile: onbuild('RUN apt-get install -y python=1.2.2'), lines: [] },
  { name: 'apt-get deb file', dockerfile: 'RUN apt-get install ./wkhtmltox_0.12.5-1.bionic_amd64.deb', lines: [] },
  { name: 'apt-get pinned', dockerfile: 'RUN apt-get -y --no-install-recommends install nodejs=0.10', lines: [] },
  {
    name: 'apt-get tolerate target-release',
    dockerfile:
      'RUN set -e &&\\\n echo "deb http://http.debian.net/debian jessie-backports main" > /etc/apt/sources.list.d/jessie-backports.list &&\\\n apt-get update &&\\\n apt-get install -y --no-install-recommends -t jessie-backports openjdk-8-jdk=8u131-b11-1~bpo8+1 &&\\\n rm -rf /var/lib/apt/lists/*',
    lines: [],
  },
  // corner cases
  { name: 'one unpinned among pinned', dockerfile: 'RUN apt-get install -y a=1 b c=3', lines: [1] },
  { name: 'release pin with a slash', dockerfile: 'RUN apt-get install -y nginx/bookworm-backports', lines: [] },
  { name: 'long --target-release value is not a package', dockerfile: 'RUN apt-get install --target-release bookworm-backports x=1', lines: [] },
  {
    // hadolint master's dropFlagArg: an inline value (`=`) takes no next word
    name: '--target-release=value keeps the next word a package',
    dockerfile: 'RUN apt-get install --target-release=bookworm-backports x',
    lines: [1],
  },
  { name: 'apt-get without install', dockerfile: 'RUN apt-get update', lines: [] },
  { name: 'apt (not apt-get) is not checked', dockerfile: 'RUN apt install python', lines: [] },
  { name: 'exec form', dockerfile: 'RUN ["apt-get", "install", "-y", "curl"]', lines: [1] },
  { name: 'bare install with no packages', dockerfile: 'RUN apt-get install -y', lines: [] },
  { name: 'two RUNs, two findings', dockerfile: 'FROM debian:12\nRUN apt-get install -y a\nRUN apt-get install -y b=1\nRUN apt-get install -y c', lines: [2, 4] },
  { name: 'inside a heredoc', dockerfile: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF', lines: [2] },
  { name: 'ignored by pragma', dockerfile: 'FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install -y curl', lines: [] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3008Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3008Spec: apt-get version pinning (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get update && apt-get install python\n', lines: [1] },
  { name: 'DL3008Spec: apt-get pinned chained (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get update \\\n && apt-get -yqq --no-install-recommends install nodejs=0.10 \\\n && rm -rf /var/lib/apt/lists/*\n\n', lines: [] },
  { name: 'DL3008Spec: apt-get pinned regression (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get update && apt-get install --no-install-recommends -y \\\npython-demjson=2.2.2* \\\nwget=1.16.1* \\\ngit=1:2.5.0* \\\nruby=1:2.1.*\n\n', lines: [] },
  { name: 'DL3008Spec: apt-get version (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get install -y python=1.2.2\n', lines: [] },
  { name: 'DL3008Spec: apt-get version (ONBUILD) #2', dockerfile: 'ONBUILD RUN apt-get install ./wkhtmltox_0.12.5-1.bionic_amd64.deb\n', lines: [] },
  { name: 'DL3008Spec: apt-get pinned (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get -y --no-install-recommends install nodejs=0.10\n', lines: [] },
  { name: 'DL3008Spec: apt-get tolerate target-release (ONBUILD)', dockerfile: 'ONBUILD RUN set -e &&\\\n echo "deb http://http.debian.net/debian jessie-backports main" > /etc/apt/sources.list.d/jessie-backports.list &&\\\n apt-get update &&\\\n apt-get install -y --no-install-recommends -t jessie-backports openjdk-8-jdk=8u131-b11-1~bpo8+1 &&\\\n rm -rf /var/lib/apt/lists/*\n\n', lines: [] },
]);
