import { DL3014 } from '../../src/rules/DL3014.js';
import { describeRule, type RuleCase } from './harness.js';

function both(name: string, run: string, caught: boolean): RuleCase[] {
  return [
    { name, dockerfile: run, lines: caught ? [1] : [] },
    { name: `${name} (ONBUILD)`, dockerfile: `FROM debian:12\nONBUILD ${run}`, lines: caught ? [2] : [] },
  ];
}

describeRule(DL3014, [
  // hadolint DL3014Spec: every case below, by its case name
  ...both('apt-get auto yes', 'RUN apt-get install python', true),
  ...both('apt-get -q', 'RUN apt-get install -q python', true),
  ...both('apt-get --quiet', 'RUN apt-get install --quiet python', true),
  ...both('apt-get yes shortflag', 'RUN apt-get install -yq python', false),
  ...both('apt-get yes different pos', 'RUN apt-get install -y python', false),
  ...both('apt-get with auto yes', 'RUN apt-get -y install python', false),
  ...both('apt-get with auto expanded yes', 'RUN apt-get --yes install python', false),
  ...both('apt-get with assume-yes', 'RUN apt-get --assume-yes install python', false),
  ...both('apt-get -qq', 'RUN apt-get install -qq python', false),
  ...both('apt-get -q -q', 'RUN apt-get install -q -q python', false),
  ...both('apt-get -q=2', 'RUN apt-get install -q=2 python', false),
  ...both('apt-get --quiet --quiet', 'RUN apt-get install --quiet --quiet python', false),
  // corner cases
  { name: 'quiet level 3 is not level 2 (as in hadolint)', dockerfile: 'RUN apt-get install -qqq python', lines: [1] },
  { name: 'apt-get without install', dockerfile: 'RUN apt-get update', lines: [] },
  { name: 'apt is not apt-get', dockerfile: 'RUN apt install python', lines: [] },
  { name: 'second apt-get lacks -y', dockerfile: 'RUN apt-get install -y a && apt-get install b', lines: [1] },
  { name: 'exec form', dockerfile: 'RUN ["apt-get", "install", "python"]', lines: [1] },
  { name: 'flag after --', dockerfile: 'RUN apt-get install -- -y', lines: [] },
  { name: 'multi-stage, lowercase', dockerfile: 'FROM a:1\nRUN apt-get install -y a\nfrom b:1\nrun apt-get install b', lines: [4] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3014Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3014Spec: apt-get auto yes (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get install python\n', lines: [1] },
  { name: 'DL3014Spec: apt-get -q (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get install -q python\n', lines: [1] },
  { name: 'DL3014Spec: apt-get yes shortflag (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get install -yq python\n', lines: [] },
  { name: 'DL3014Spec: apt-get yes different pos (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get install -y python\n', lines: [] },
  { name: 'DL3014Spec: apt-get with auto yes (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get -y install python\n', lines: [] },
  { name: 'DL3014Spec: apt-get with auto expanded yes (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get --yes install python\n', lines: [] },
  { name: 'DL3014Spec: apt-get with assume-yes (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get --assume-yes install python\n', lines: [] },
  { name: 'DL3014Spec: apt-get -qq (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get install -qq python\n', lines: [] },
  { name: 'DL3014Spec: apt-get -q -q (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get install -q -q python\n', lines: [] },
  { name: 'DL3014Spec: apt-get -q=2 (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get install -q=2 python\n', lines: [] },
  { name: 'DL3014Spec: apt-get --quiet --quiet (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get install --quiet --quiet python\n', lines: [] },
]);
