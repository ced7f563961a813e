import { DL3006 } from '../../src/rules/DL3006.js';
import { describeRule } from './harness.js';

describeRule(DL3006, [
  { name: 'untagged image', dockerfile: 'FROM debian', lines: [1] },
  { name: 'tagged image', dockerfile: 'FROM debian:jessie', lines: [] },
  { name: 'untagged digest is not an error', dockerfile: 'FROM ruby@sha256:f1dbca0f5dbc9', lines: [] },
  { name: 'digest with a full hash', dockerfile: `FROM ruby@sha256:${'a'.repeat(64)}`, lines: [] },
  { name: 'using args is not an error', dockerfile: 'FROM ${VALUE}', lines: [] },
  { name: 'arg default feeding an untagged image is not an error', dockerfile: 'ARG IMAGE=debian\nFROM ${IMAGE}', lines: [] },
  { name: 'scratch', dockerfile: 'FROM scratch', lines: [] },
  { name: 'previously defined alias', dockerfile: 'FROM node:20 AS build\nFROM build', lines: [] },
  { name: 'alias is case-insensitive', dockerfile: 'FROM node:20 AS Build\nFROM build', lines: [] },
  { name: 'alias defined later is an image', dockerfile: 'FROM build\nFROM node:20 AS build', lines: [1] },
  { name: 'registry with port, no tag', dockerfile: 'FROM localhost:5000/a/b', lines: [1] },
  { name: 'registry with port and tag', dockerfile: 'FROM localhost:5000/a/b:1', lines: [] },
  { name: 'with platform and alias', dockerfile: 'FROM --platform=linux/amd64 debian AS base', lines: [1] },
  { name: 'second stage untagged', dockerfile: 'FROM debian:12\nRUN true\nFROM alpine', lines: [3] },
  { name: 'ignored by pragma', dockerfile: '# hadolint ignore=DL3006\nFROM debian', lines: [] },
  { name: 'ignored by plimsoll pragma', dockerfile: '# plimsoll ignore=DL3006\nFROM debian', lines: [] },
]);
