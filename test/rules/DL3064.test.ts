import { DL3064 } from '../../src/rules/DL3064.js';
import { describeRule } from './harness.js';

describeRule(DL3064, [
  { name: 'no ARG, no ENV', dockerfile: 'FROM debian:bullseye\nRUN foobar\n', lines: [] },
  { name: 'harmless ARG', dockerfile: 'ARG foobar\nFROM debian:bullseye\nRUN foobar\n', lines: [] },
  { name: 'harmless ENV', dockerfile: 'FROM debian:bullseye\nENV foobar=barfoo\nRUN foobar\n', lines: [] },
  { name: 'ARG with a known secret name', dockerfile: 'ARG AWS_ACCESS_KEY_ID\nFROM debian:bullseye\nRUN foobar\n', lines: [1] },
  { name: 'ARG with a known secret name, lower case', dockerfile: 'ARG openai_api_key\nFROM debian:bullseye\nRUN foobar\n', lines: [1] },
  { name: 'ENV with a known secret name', dockerfile: 'FROM debian:bullseye\nENV AWS_ACCESS_KEY_ID=abcdefghijklmnopqrstuvwxyz\nRUN foobar\n', lines: [2] },
  { name: 'ENV with a suspicious word', dockerfile: 'FROM debian:bullseye\nENV my_password=abcdefghijklmnopqrstuvwxyz\nRUN foobar\n', lines: [2] },
  { name: 'ARG with a default', dockerfile: 'FROM alpine:3\nARG DB_PASSWORD=changeme', lines: [2] },
  { name: 'ONBUILD ARG', dockerfile: 'FROM alpine:3\nONBUILD ARG GITHUB_TOKEN', lines: [2] },
  { name: 'second pair of an ENV', dockerfile: 'FROM alpine:3\nENV A=1 \\\n    API_TOKEN=x', lines: [2] },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3064Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3064Spec: ok: no ARG, no ENV (ONBUILD)', dockerfile: 'FROM debian:bullseye\nONBUILD RUN foobar\n\n', lines: [] },
  { name: 'DL3064Spec: ok: ARG no sensitive data, no ENV (ONBUILD)', dockerfile: 'ARG foobar\nFROM debian:bullseye\nONBUILD RUN foobar\n\n', lines: [] },
  { name: 'DL3064Spec: ok: no ARG, ENV no sensitive data (ONBUILD)', dockerfile: 'FROM debian:bullseye\nENV foobar=barfoo\nONBUILD RUN foobar\n\n', lines: [] },
  { name: 'DL3064Spec: not ok: ARG with sensitive data (ONBUILD)', dockerfile: 'ARG AWS_ACCESS_KEY_ID\nFROM debian:bullseye\nONBUILD RUN foobar\n\n', lines: [1] },
  { name: 'DL3064Spec: not ok: ARG with sensitive data, different casing (ONBUILD)', dockerfile: 'ARG openai_api_key\nFROM debian:bullseye\nONBUILD RUN foobar\n\n', lines: [1] },
  { name: 'DL3064Spec: not ok: ENV with sensitive data (ONBUILD)', dockerfile: 'FROM debian:bullseye\nENV AWS_ACCESS_KEY_ID=abcdefghijklmnopqrstuvwxyz\nONBUILD RUN foobar\n\n', lines: [2] },
  { name: 'DL3064Spec: not ok: ENV with sensitive data, different casing (ONBUILD)', dockerfile: 'FROM debian:bullseye\nENV my_password=abcdefghijklmnopqrstuvwxyz\nONBUILD RUN foobar\n\n', lines: [2] },
]);
