import { DL3062 } from '../../src/rules/DL3062.js';
import { describeRule, type RuleCase } from './harness.js';

/** Each hadolint case runs as a plain RUN and as an ONBUILD trigger. */
const both = (name: string, run: string, caught: boolean): RuleCase[] => [
  { name, dockerfile: `RUN ${run}`, lines: caught ? [1] : [] },
  { name: `${name} (ONBUILD)`, dockerfile: `ONBUILD RUN ${run}`, lines: caught ? [1] : [] },
];

describeRule(DL3062, [
  ...both('go install not pinned', 'go install example.com/pkg', true),
  ...both('go install @latest', 'go install example.com/pkg@latest', true),
  ...both('go install pinned', 'go install example.com/pkg@v1.2.3', false),
  ...both('go install absolute path', 'go install /go/app/foobar', false),
  ...both('go install relative path', 'go install ./app/foobar', false),
  ...both('go install local dir', 'go install .', false),
  ...both('go install tool not pinned', 'go install tool foobar', true),
  ...both('go install tool @latest', 'go install tool foobar@latest', true),
  ...both('go install tool pinned', 'go install tool foobar@v1.2.3', false),
  ...both('go get not pinned', 'go get example.com/pkg', true),
  ...both('go get @latest', 'go get example.com/pkg@latest', true),
  ...both('go get pinned', 'go get example.com/pkg@v1.2.3', false),
  ...both('go get -tool not pinned', 'go get -tool foobar', true),
  ...both('go get -tool @latest', 'go get -tool foobar@latest', true),
  ...both('go get -tool pinned', 'go get -tool foobar@v1.2.3', false),
  ...both('go run not pinned', 'go run example.com/pkg', true),
  ...both('go run @latest', 'go run example.com/pkg@latest', true),
  ...both('go run pinned', 'go run example.com/pkg@v1.2.3', false),
  ...both('go run pinned with -f', 'go run example.com/pkg@v1.2.3 -f', false),
  ...both('go run pinned with -foobar', 'go run example.com/pkg@v1.2.3 -foobar', false),
  ...both('go run pinned with --foobar', 'go run example.com/pkg@v1.2.3 --foobar', false),
  ...both('go run pinned with an argument', 'go run example.com/pkg@v1.2.3 foobar', false),
  ...both('go run pinned with --foo bar', 'go run example.com/pkg@v1.2.3 --foo bar', false),
  ...both('go run absolute path', 'go run /go/app/foobar', false),
  ...both('go run relative path', 'go run ./app/foobar', false),
  ...both('go run local dir', 'go run .', false),
  ...both('@none', 'go get example.com/pkg@none', true),
  { name: 'go build is not checked', dockerfile: 'RUN go build ./...', lines: [] },
  { name: 'in a chain over lines', dockerfile: 'FROM golang:1.22\nRUN cd /src && \\\n  go install golang.org/x/tools/gopls', lines: [2] },
]);
