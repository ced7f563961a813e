import { InvalidBaseImagePlatform } from '../../../src/rules/buildkit/InvalidBaseImagePlatform.js';
import { describeBuildKit } from './harness.js';

const arm = { os: 'linux', architecture: 'arm64', env: [], shell: false };
const amd = { os: 'linux', architecture: 'amd64', env: [], shell: false };
const msg = (image: string, actual: string, expected: string): string => `Base image ${image} was pulled with platform "${actual}", expected "${expected}" for current build`;

describeBuildKit(InvalidBaseImagePlatform, [
  {
    name: 'an image built for another platform than the build targets', from: 'testBaseImagePlatformMismatch',
    images: { 'localhost:5000/buildkit/testbaseimageplatform:latest': arm }, platform: 'linux/amd64',
    dockerfile: '\nFROM localhost:5000/buildkit/testbaseimageplatform:latest\nENV foo=bar\n\t',
    expect: [[2, msg('localhost:5000/buildkit/testbaseimageplatform:latest', 'linux/arm64', 'linux/amd64')]],
  },
  { name: "the stage's --platform is what is expected", from: 'ours', images: { 'docker.io/library/alpine:3.20': arm }, dockerfile: 'FROM --platform=linux/arm64 alpine:3.20\nFROM --platform=linux/amd64 alpine:3.20 AS amd64\n', expect: [[2, msg('alpine:3.20', 'linux/arm64', 'linux/amd64')]] },
  { name: 'a matching image', from: 'ours', images: { 'docker.io/library/alpine:latest': amd }, dockerfile: 'FROM alpine\n', expect: [] },
  { name: 'skipped silently without a registry', from: 'ours', dockerfile: 'FROM alpine\n', expect: [] },
]);
