import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/dockerfile/model.js';
import { DeclaredNames, variablesAt } from '../../../src/dockerfile/facts/scope.js';

describe('variablesAt (Docker scoping)', () => {
  const text = [
    'ARG VERSION=1.2',
    'ARG USER=app',
    'FROM alpine:3 AS base',
    'ENV HOME=/home/$USER',
    'ARG VERSION',
    'RUN echo $VERSION',
    'FROM base',
    'ARG USER',
    'ENV PATH=$HOME/bin',
    'USER $USER',
  ].join('\n');
  const dockerfile = parseDockerfile('Dockerfile', text);
  const at = (line: number) => variablesAt(dockerfile, dockerfile.instructions.find((i) => i.line === line)!);

  it('a global ARG is visible in a stage only once redeclared there, with its default', () => {
    expect(at(4).has('VERSION')).toBe(false);
    expect(at(6).get('VERSION')).toBe('1.2');
  });
  it('ENV values are expanded with what is visible, and inherited by a stage built FROM the stage', () => {
    expect(at(6).get('HOME')).toBe('/home/');
    expect(at(10).get('PATH')).toBe('/home//bin');
    expect(at(10).get('USER')).toBe('app');
    expect(at(10).has('VERSION')).toBe(false);
  });
});

describe('DeclaredNames (hadolint bookkeeping)', () => {
  const step = (text: string) => {
    const declared = new DeclaredNames();
    for (const instruction of parseDockerfile('Dockerfile', text).instructions) declared.step(instruction);
    return declared;
  };
  it('keeps ARG names across stages', () => {
    expect(step('FROM a AS b\nARG v=1\nFROM c').args.has('v')).toBe(true);
  });
  it('keeps ENV names per stage, inherited through FROM <alias>', () => {
    expect(step('FROM a AS build\nENV v=1\nFROM build').envs.has('v')).toBe(true);
    expect(step('FROM a AS build\nENV v=1\nFROM a').envs.has('v')).toBe(false);
  });
});
