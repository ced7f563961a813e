import { DL3067 } from '../../src/rules/DL3067.js';
import { describeRule } from './harness.js';

describeRule(DL3067, [
  { name: 'root to root from another stage', dockerfile: 'COPY --from=build / /', lines: [1] },
  { name: 'quoted root paths', dockerfile: 'COPY --from=build "/" "/"', lines: [1] },
  { name: 'root without --from', dockerfile: 'COPY / /', lines: [] },
  { name: 'a directory from another stage', dockerfile: 'COPY --from=build /app /', lines: [] },
  { name: 'root into a subdirectory', dockerfile: 'COPY --from=build / /app', lines: [] },
  { name: 'exec form', dockerfile: 'FROM alpine:3\nCOPY --from=build ["/", "/"]', lines: [2] },
  { name: 'with --chown', dockerfile: 'FROM alpine:3\nCOPY --chown=1000 --from=build / /', lines: [2] },
]);
