import { InvalidDefaultArgInFrom } from '../../../src/rules/buildkit/InvalidDefaultArgInFrom.js';
import { describeBuildKit } from './harness.js';

describeBuildKit(InvalidDefaultArgInFrom, [
  { name: 'an ARG without default gives busybox:', from: 'testInvalidDefaultArgInFrom', dockerfile: '\nARG VERSION\nFROM busybox:$VERSION\n', expect: [[3, 'Default value for ARG busybox:$VERSION results in empty or invalid base image name']] },
  { name: 'an ARG without default gives nothing', from: 'testInvalidDefaultArgInFrom', dockerfile: '\nARG IMAGE\nFROM $IMAGE\n', expect: [[3, 'Default value for ARG $IMAGE results in empty or invalid base image name']] },
  { name: 'a default that ends in a colon', from: 'testInvalidDefaultArgInFrom', dockerfile: '\nARG SFX="box:"\nFROM busy${SFX}\n', expect: [[3, 'Default value for ARG busy${SFX} results in empty or invalid base image name']] },
  { name: 'a valid default', from: 'testInvalidDefaultArgInFrom', dockerfile: '\nARG VERSION="latest"\nFROM busybox:${VERSION}\n', expect: [] },
  { name: 'an empty default suffix', from: 'testInvalidDefaultArgInFrom', dockerfile: '\nARG BUSYBOX_VARIANT=""\nFROM busybox:stable${BUSYBOX_VARIANT}\n', expect: [] },
  { name: 'no default, as a suffix', from: 'testInvalidDefaultArgInFrom', dockerfile: '\n\tARG BUSYBOX_VARIANT\n\tFROM busybox:stable${BUSYBOX_VARIANT}\n\t', expect: [] },
  { name: 'upper case is no image name', from: 'ours', dockerfile: 'ARG NAME=Alpine\nFROM ${NAME}\n', expect: [[2, 'Default value for ARG ${NAME} results in empty or invalid base image name']] },
  { name: 'a FROM BuildKit cannot expand ends the check', from: 'ours', dockerfile: 'FROM ${A\nFROM $B\n', expect: [] },
]);
