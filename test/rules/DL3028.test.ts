import { DL3028 } from '../../src/rules/DL3028.js';
import { describeRule } from './harness.js';

/** hadolint's DL3028Spec checks every case both as a RUN and inside ONBUILD. */
const both = (name: string, run: string, caught: boolean) => [
  { name, dockerfile: run, lines: caught ? [1] : [] },
  { name: `${name} (ONBUILD)`, dockerfile: `ONBUILD ${run}`, lines: caught ? [1] : [] },
];

describeRule(DL3028, [
  // hadolint DL3028Spec: every case below, by its describe path ("i" / "install") and case name
  ...both('i unpinned', 'RUN gem i bundler', true),
  ...both('i pinned', 'RUN gem i bundler:1', false),
  ...both('i multi, one unpinned', 'RUN gem i bunlder:1 nokogiri', true),
  ...both('i multi, all pinned', 'RUN gem i bunlder:1 nokogiri:1', false),
  ...both('install unpinned', 'RUN gem install bundler', true),
  ...both('install pinned', 'RUN gem install bundler:1', false),
  ...both('does not warn on -v', "RUN gem install bundler -v '2.0.1'", false),
  ...both('does not warn on --version without =', "RUN gem install bundler --version '2.0.1'", false),
  ...both('does not warn on --version with =', "RUN gem install bundler --version='2.0.1'", false),
  ...both('extra flags with equal sign and double dashes', 'RUN gem install bundler:2.0.1 -- --use-system-libraries=true', false),
  ...both('extra flags with double dashes', 'RUN gem install bundler:2.0.1 -- --use-system-libraries true', false),
  ...both('extra flags', 'RUN gem install bundler:2.0.1 --use-system-libraries true', false),
  ...both('extra flags with equal sign', 'RUN gem install bundler:2.0.1 --use-system-libraries=true', false),
  // corner cases
  { name: 'message', dockerfile: 'RUN gem install rails', lines: [1], message: 'Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`' },
  { name: 'gem update is not an install', dockerfile: 'RUN gem update --system', lines: [] },
  { name: 'an option swallows the word after it (as in hadolint)', dockerfile: 'RUN gem install --no-document rails', lines: [] },
  { name: 'second command in a chain', dockerfile: 'RUN gem install bundler:2.5.6 && gem install rails', lines: [1] },
  { name: 'exec form', dockerfile: 'RUN ["gem", "install", "rails"]', lines: [1] },
  { name: 'multi-stage, continuation lines', dockerfile: 'FROM ruby:3.3\nRUN gem install rails:7.1.3\nFROM ruby:3.3\nRUN gem install \\\n    rails', lines: [4] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3028Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3028Spec: multi', dockerfile: 'RUN gem i bunlder:1 nokogirii:1\n', lines: [] },
]);
