import { DL3043 } from '../../src/rules/DL3043.js';
import { describeRule } from './harness.js';

describeRule(DL3043, [
  { name: 'ONBUILD within ONBUILD', dockerfile: 'ONBUILD ONBUILD RUN anything\n', lines: [1] },
  { name: 'FROM within ONBUILD', dockerfile: 'ONBUILD FROM debian:buster\n', lines: [1] },
  { name: 'MAINTAINER within ONBUILD', dockerfile: 'ONBUILD MAINTAINER "BoJack Horseman"\n', lines: [1] },
  { name: 'lowercase keywords', dockerfile: 'FROM debian:12\nonbuild from debian:buster', lines: [2] },
  ...['ADD anything anywhere', 'USER anything', 'LABEL bla="blubb"', 'STOPSIGNAL anything', 'COPY anything anywhere',
    'RUN anything', 'CMD anything', 'SHELL anything', 'WORKDIR anything', 'EXPOSE 69', 'VOLUME anything',
    'ENTRYPOINT anything', 'ENV MYVAR="bla"', 'ARG anything', 'HEALTHCHECK NONE'].map((trigger) => ({
    name: `ONBUILD ${trigger.split(' ')[0]} is fine`,
    dockerfile: `ONBUILD ${trigger}`,
    lines: [],
  })),
  { name: 'FROM outside ONBUILD', dockerfile: 'FROM debian:buster', lines: [] },
  { name: 'MAINTAINER outside ONBUILD', dockerfile: 'MAINTAINER "Some Guy"', lines: [] },
]);
