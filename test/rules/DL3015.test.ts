import { DL3015 } from '../../src/rules/DL3015.js';
import { describeRule, type RuleCase } from './harness.js';

function both(name: string, run: string, caught: boolean): RuleCase[] {
  return [
    { name, dockerfile: run, lines: caught ? [1] : [] },
    { name: `${name} (ONBUILD)`, dockerfile: `FROM debian:12\nONBUILD ${run}`, lines: caught ? [2] : [] },
  ];
}

describeRule(DL3015, [
  // hadolint DL3015Spec: every case below, by its case name (plain and ONBUILD where hadolint checks it)
  ...both('apt-get install recommends', 'RUN apt-get install --no-install-recommends python', false),
  ...both('apt-get no install recommends', 'RUN apt-get install python', true),
  ...both('apt-get no install recommends with -y', 'RUN apt-get -y install python', true),
  ...both('apt-get no install recommends via option', 'RUN apt-get -o APT::Install-Recommends=false install python', false),
  // corner cases
  { name: 'apt-get update only', dockerfile: 'RUN apt-get update', lines: [] },
  { name: 'apt is not apt-get', dockerfile: 'RUN apt install python', lines: [] },
  { name: 'option after the packages', dockerfile: 'RUN apt-get install -y python --no-install-recommends', lines: [] },
  { name: 'one of two installs lacks it', dockerfile: 'RUN apt-get install --no-install-recommends a && apt-get install b', lines: [1] },
  { name: 'exec form', dockerfile: 'RUN ["apt-get", "install", "-y", "python"]', lines: [1] },
  { name: 'multi-line RUN reported on its first line', dockerfile: 'FROM a:1\nRUN apt-get update \\\n  && apt-get install -y x', lines: [2] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3015Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3015Spec: apt-get install recommends (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get install --no-install-recommends python\n', lines: [] },
  { name: 'DL3015Spec: apt-get no install recommends (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get install python\n', lines: [1] },
  { name: 'DL3015Spec: apt-get no install recommends (ONBUILD) #2', dockerfile: 'ONBUILD RUN apt-get -y install python\n', lines: [1] },
  { name: 'DL3015Spec: apt-get no install recommends via option (ONBUILD)', dockerfile: 'ONBUILD RUN apt-get -o APT::Install-Recommends=false install python\n', lines: [] },
]);
