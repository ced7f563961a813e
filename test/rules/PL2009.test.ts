import { PL2009 } from '../../src/rules/PL2009.js';
import { describeRule } from './harness.js';

describeRule(PL2009, [
  { name: 'a misspelt name', dockerfile: '# check=skip=FromAsCasng\nFROM scratch', lines: [1], message: '"FromAsCasng" in # check=: it has no rule of that name (did you mean FromAsCasing?)' },
  { name: 'names are case-sensitive', dockerfile: '# check=skip=fromascasing\nFROM scratch', lines: [1], message: '(did you mean FromAsCasing?)' },
  { name: 'an experimental name', dockerfile: '# check=experimental=InvalidDefinitionDescriptions\nFROM scratch', lines: [1], message: 'did you mean InvalidDefinitionDescription?' },
  { name: 'a comment above an instruction', dockerfile: 'FROM scratch\n# check=skip=MaintainerDeprecatd\nMAINTAINER me', lines: [2] },
  { name: 'a comment above an instruction that does not parse', dockerfile: 'FROM scratch\n# check=skip\nMAINTAINER me', lines: [2], message: 'BuildKit ignores this # check= comment: invalid check option "skip"' },
  { name: 'known names', dockerfile: '# check=skip=FromAsCasing,UndefinedVar;experimental=all\nFROM scratch\n# check=skip=all\nRUN true', lines: [] },
]);
