import { DL3006 } from '../../src/rules/DL3006.js';
import { describeRule } from './harness.js';

describeRule(DL3006, [
  // hadolint DL3006Spec: "no untagged"
  { name: 'no untagged', dockerfile: 'FROM debian', lines: [1] },
  // hadolint DL3006Spec: "no untagged with name"
  { name: 'no untagged with name', dockerfile: 'FROM debian AS builder', lines: [1] },
  // hadolint DL3006Spec: "untagged digest is not an error" (second case: a plain tag)
  { name: 'tagged, short tag', dockerfile: 'FROM ruby:2', lines: [] },
  // hadolint DL3006Spec: "local aliases are OK to be untagged" (plain and ONBUILD)
  {
    name: 'local aliases are OK to be untagged',
    dockerfile: 'FROM golang:1.9.3-alpine3.7 AS build\nRUN foo\nFROM build as unit-test\nRUN bar\nFROM alpine:3.7\nRUN baz',
    lines: [],
  },
  {
    name: 'local aliases are OK to be untagged (ONBUILD)',
    dockerfile: 'FROM golang:1.9.3-alpine3.7 AS build\nONBUILD RUN foo\nFROM build as unit-test\nONBUILD RUN bar\nFROM alpine:3.7\nONBUILD RUN baz',
    lines: [],
  },
  // hadolint DL3006Spec: "other untagged cases are not ok" (plain and ONBUILD)
  {
    name: 'other untagged cases are not ok',
    dockerfile: 'FROM golang:1.9.3-alpine3.7 AS build\nRUN foo\nFROM node as unit-test\nRUN bar\nFROM alpine:3.7\nRUN baz',
    lines: [3],
  },
  {
    name: 'other untagged cases are not ok (ONBUILD)',
    dockerfile: 'FROM golang:1.9.3-alpine3.7 AS build\nONBUILD RUN foo\nFROM node as unit-test\nONBUILD RUN bar\nFROM alpine:3.7\nONBUILD RUN baz',
    lines: [3],
  },
  // hadolint DL3006Spec: the remaining cases ("untagged digest is not an error", "using args is not an error", "scratch") below
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
