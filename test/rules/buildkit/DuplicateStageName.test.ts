import { DuplicateStageName } from '../../../src/rules/buildkit/DuplicateStageName.js';
import { describeBuildKit } from './harness.js';

describeBuildKit(DuplicateStageName, [
  { name: 'two stages named b', from: 'testDuplicateStageName', dockerfile: '\nFROM scratch AS b\nFROM scratch AS b\n', expect: [[3, 'Duplicate stage name "b", stage names should be unique']] },
  { name: 'b1 and b2', from: 'testDuplicateStageName', dockerfile: '\nFROM scratch AS b1\nFROM scratch AS b2\n', expect: [] },
  { name: 'names differing in case are one name to BuildKit', from: 'ours', dockerfile: 'FROM scratch AS Build\nFROM scratch AS build\n', expect: [[2, 'Duplicate stage name "build", stage names should be unique']] },
  { name: 'every repeat', from: 'ours', dockerfile: 'FROM scratch AS x\nFROM scratch AS x\nFROM scratch AS x\n', expect: [[2, 'Duplicate stage name "x", stage names should be unique'], [3, 'Duplicate stage name "x", stage names should be unique']] },
]);
