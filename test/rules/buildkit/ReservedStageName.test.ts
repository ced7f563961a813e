import { ReservedStageName } from '../../../src/rules/buildkit/ReservedStageName.js';
import { describeBuildKit } from './harness.js';

describeBuildKit(ReservedStageName, [
  {
    name: 'scratch and context', from: 'testReservedStageName', dockerfile: '\nFROM scratch AS scratch\nFROM scratch AS context\n',
    expect: [[2, 'Stage name should not use the same name as reserved stage "scratch"'], [3, 'Stage name should not use the same name as reserved stage "context"']],
  },
  { name: 'a reserved name as the base, or another name', from: 'testReservedStageName', dockerfile: '\nFROM scratch\nFROM scratch AS a\n', expect: [] },
  { name: 'in upper case (BuildKit lower-cases stage names)', from: 'ours', dockerfile: 'FROM alpine AS Context\n', expect: [[1, 'Stage name should not use the same name as reserved stage "context"']] },
]);
