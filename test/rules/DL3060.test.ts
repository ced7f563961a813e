import { DL3060 } from '../../src/rules/DL3060.js';
import { describeRule } from './harness.js';

describeRule(DL3060, [
  { name: 'no yarn', dockerfile: 'RUN foo', lines: [] },
  { name: 'ONBUILD no yarn', dockerfile: 'ONBUILD RUN foo', lines: [] },
  { name: 'no cache clean', dockerfile: 'RUN yarn install foo', lines: [1] },
  { name: 'ONBUILD no cache clean', dockerfile: 'ONBUILD RUN yarn install foo', lines: [1] },
  { name: 'cache clean after install', dockerfile: 'RUN yarn install bar && yarn cache clean', lines: [] },
  { name: 'ONBUILD cache clean after install', dockerfile: 'ONBUILD RUN yarn install bar && yarn cache clean', lines: [] },
  { name: 'clean before install', dockerfile: 'RUN yarn cache clean && yarn install foo', lines: [1] },
  { name: 'cache mount', dockerfile: 'RUN --mount=type=cache,target=/root/.cache/yarn yarn install foobar', lines: [] },
  { name: 'tmpfs mount', dockerfile: 'RUN --mount=type=tmpfs,target=/root/.cache/yarn yarn install foobar', lines: [] },
  { name: 'cache mount elsewhere', dockerfile: 'RUN --mount=type=cache,target=/var/lib/foobar yarn install foobar', lines: [1] },
  { name: 'tmpfs mount elsewhere', dockerfile: 'RUN --mount=type=tmpfs,target=/var/lib/foobar yarn install foobar', lines: [1] },
  {
    name: 'yarn install in the last stage',
    dockerfile: 'FROM node:lts-alpine as foo\nRUN hey!\nFROM scratch\nRUN yarn install\n',
    lines: [4],
  },
  {
    name: 'stage with yarn install is built upon',
    dockerfile: 'FROM node:lts-alpine as foo\nRUN yarn install\nFROM foo\nRUN hey!\n',
    lines: [2],
  },
  {
    name: 'ONBUILD in a stage that is built upon',
    dockerfile: 'FROM node:lts-alpine as foo\nONBUILD RUN yarn install\nFROM foo\nONBUILD RUN hey!\n',
    lines: [2],
  },
  {
    name: 'stage with cache clean is built upon',
    dockerfile: 'FROM node:lts-alpine as foo\nRUN yarn install && yarn cache clean\nFROM foo\nRUN hey!\n',
    lines: [],
  },
  {
    name: 'stage not reused later',
    dockerfile: 'FROM node:lts-alpine as foo\nRUN yarn install foo\nFROM scratch\nRUN hey!\n',
    lines: [],
  },
  {
    name: 'ONBUILD in a stage not reused later (triggers are checked alone)',
    dockerfile: 'FROM node:lts-alpine as foo\nONBUILD RUN yarn install foo\nFROM scratch\nONBUILD RUN hey!\n',
    lines: [2],
  },
  // hadolint DL3060Spec: "not ok when yarn install is in last stage w/o yarn clean" (onBuildRuleCatches)
  {
    name: 'ONBUILD yarn install in the last stage',
    dockerfile: 'FROM node:lts-alpine as foo\nONBUILD RUN hey!\nFROM scratch\nONBUILD RUN yarn install\n',
    lines: [4],
  },
  // hadolint DL3060Spec: "ok when inheriting from stage with yarn cache clear" (onBuildRuleCatchesNot)
  {
    name: 'ONBUILD stage with cache clean is built upon',
    dockerfile: 'FROM node:lts-alpine as foo\nONBUILD RUN yarn install && yarn cache clean\nFROM foo\nONBUILD RUN hey!\n',
    lines: [],
  },

  // hadolint master (8f936c5), test/Hadolint/Rule/DL3060Spec.hs: its cases not already above, as written there
  // (onBuild… variants wrap every RUN in ONBUILD, as the spec's helper does)
  { name: 'DL3060Spec: ok when cache mount is used (ONBUILD)', dockerfile: 'ONBUILD RUN --mount=type=cache,target=/root/.cache/yarn yarn install foobar\n', lines: [] },
  { name: 'DL3060Spec: ok when tmpfs mount is used (ONBUILD)', dockerfile: 'ONBUILD RUN --mount=type=tmpfs,target=/root/.cache/yarn yarn install foobar\n', lines: [] },
  { name: 'DL3060Spec: not ok when cache mount is in wrong location (ONBUILD)', dockerfile: 'ONBUILD RUN --mount=type=cache,target=/var/lib/foobar yarn install foobar\n', lines: [1] },
  { name: 'DL3060Spec: not ok when tmpfs mount is in wrong location (ONBUILD)', dockerfile: 'ONBUILD RUN --mount=type=tmpfs,target=/var/lib/foobar yarn install foobar\n', lines: [1] },
]);
