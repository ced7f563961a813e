import { PL1006 } from '../../src/rules/PL1006.js';
import { legacyBilling, policy } from '../policy/rules-policy.js';
import { describeRule } from './harness.js';

describeRule(PL1006, [
  {
    name: 'ARG without default',
    dockerfile: 'ARG BASE\nFROM ${BASE}',
    lines: [2],
    policy,
    message: 'FROM ${BASE} cannot be resolved to an image: ARG BASE has no default — give it one the policy allows (ARG BASE=<image>:<version>)',
  },
  { name: 'ARG without default in the tag', dockerfile: 'ARG NODE_VERSION\nFROM node:${NODE_VERSION}-alpine AS build', lines: [2], policy, message: 'ARG NODE_VERSION has no default' },
  { name: 'no policy, no finding', dockerfile: 'ARG BASE\nFROM ${BASE}', lines: [] },
  { name: 'redeclared later with a default', dockerfile: 'ARG BASE\nARG BASE=node:20.11.1\nFROM ${BASE}', lines: [], policy },
  { name: 'ARG with default', dockerfile: 'ARG BASE=node:20.11.1\nFROM ${BASE}', lines: [], policy },
  { name: '${X:-default} form', dockerfile: 'ARG BASE\nFROM ${BASE:-node:20.11.1}', lines: [2], policy },
  { name: 'undeclared variable', dockerfile: 'FROM node:${TAG}', lines: [1], policy, message: 'TAG is not declared before the first FROM, so it expands to nothing — declare ARG TAG=<default> above the FROM' },
  {
    name: 'an ARG declared in a stage does not feed the next FROM',
    dockerfile: 'FROM node:20.11.1\nARG NEXT=node:20.11.1\nFROM ${NEXT}',
    lines: [3],
    policy,
    message: 'NEXT is not declared before the first FROM',
  },
  { name: 'default that makes an invalid reference', dockerfile: 'ARG TAG=\nFROM node:${TAG}', lines: [2], policy, message: 'it expands to "node:", which is not a valid image reference' },
  { name: 'upper-case repository', dockerfile: 'ARG IMAGE=Node\nFROM acme/${IMAGE}:1', lines: [2], policy, message: 'it expands to "acme/Node:1"' },
  { name: 'BuildKit platform ARG', dockerfile: 'FROM alpine:3.19-${TARGETARCH}', lines: [1], policy, message: 'TARGETARCH is set by BuildKit at build time' },
  { name: 'a stage chosen by TARGETARCH is fine', dockerfile: 'FROM node:20.11.1 AS base-amd64\nFROM node:20.11.1 AS base-arm64\nFROM base-${TARGETARCH}', lines: [], policy },
  { name: 'COPY --from a stage ARG with no value', dockerfile: 'FROM scratch\nARG SRC\nCOPY --from=${SRC} / /', lines: [3], policy, message: 'COPY --from=${SRC} cannot be resolved to an image' },
  { name: 'scratch', dockerfile: 'FROM scratch', lines: [], policy },
  { name: 'standing exception without image covers the repository', dockerfile: 'ARG BASE\nFROM ${BASE}', lines: [], policy: legacyBilling },
  { name: 'CRLF and BOM', dockerfile: '\uFEFFARG BASE\r\nFROM ${BASE}\r\n', lines: [2], policy },
]);
