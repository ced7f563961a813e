import { DL3025 } from '../../src/rules/DL3025.js';
import { describeRule } from './harness.js';

describeRule(DL3025, [
  // hadolint DL3025Spec: every case below, by its case name
  { name: 'warn on ENTRYPOINT', dockerfile: 'FROM node as foo\nENTRYPOINT something', lines: [2], message: 'Use arguments JSON notation for CMD and ENTRYPOINT arguments' },
  { name: "don't warn on ENTRYPOINT json notation", dockerfile: 'FROM scratch as build\nENTRYPOINT ["foo", "bar"]', lines: [] },
  { name: 'warn on CMD', dockerfile: 'FROM node as foo\nCMD something', lines: [2] },
  { name: "don't warn on CMD json notation", dockerfile: 'FROM scratch as build\nCMD ["foo", "bar"]\nCMD [ "foo", "bar" ]', lines: [] },
  { name: 'warn on HEALTHCHECK CMD shell notation', dockerfile: 'HEALTHCHECK CMD foobar', lines: [1] },
  { name: "don't warn on HEALTHCHECK CMD json notation", dockerfile: 'HEALTHCHECK CMD [ "foobar" ]', lines: [] },
  {
    name: "don't warn on CMD JSON notation with broken long strings",
    dockerfile: 'CMD [ "/bin/sh", "-c", \\\n      "echo foo && \\\n       echo bar" \\\n    ]',
    lines: [],
  },
  // corner cases
  { name: 'HEALTHCHECK with options, shell form', dockerfile: 'HEALTHCHECK --interval=5m --timeout=3s CMD curl -f http://localhost/ || exit 1', lines: [1] },
  { name: 'HEALTHCHECK with options, exec form', dockerfile: 'HEALTHCHECK --interval=5m CMD ["curl", "-f", "http://localhost/"]', lines: [] },
  { name: 'HEALTHCHECK NONE', dockerfile: 'HEALTHCHECK NONE', lines: [] },
  { name: 'not valid JSON is shell form', dockerfile: "CMD ['single', 'quotes']", lines: [1] },
  { name: 'JSON list with a number is shell form', dockerfile: 'ENTRYPOINT ["a", 1]', lines: [1] },
  { name: 'empty JSON list', dockerfile: 'ENTRYPOINT []', lines: [] },
  { name: 'lowercase keywords', dockerfile: 'cmd echo hi\nentrypoint ["x"]', lines: [1] },
  { name: 'CMD inside ONBUILD is not checked', dockerfile: 'ONBUILD CMD echo hi', lines: [] },
  { name: 'RUN shell form is fine', dockerfile: 'RUN echo hi', lines: [] },
]);
