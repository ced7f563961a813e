import { PL2001 } from '../../src/rules/PL2001.js';
import { describeRule } from './harness.js';

describeRule(PL2001, [
  // no USER: reported on the final FROM
  { name: 'no USER at all', dockerfile: 'FROM debian:12.5\nRUN true', lines: [1], message: 'no USER is set' },
  { name: 'final stage without USER after a stage with one', dockerfile: 'FROM golang:1.22 AS build\nUSER app\nFROM debian:12.5\nCOPY --from=build /app /app', lines: [3] },
  { name: 'scratch runs as uid 0 too', dockerfile: 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]', lines: [3] },
  { name: 'unresolved base image', dockerfile: 'ARG BASE\nFROM ${BASE}\nRUN true', lines: [2] },
  { name: 'stage chain without any USER', dockerfile: 'FROM debian:12.5 AS base\nFROM base\nRUN true', lines: [2] },
  { name: 'Windows Server Core starts as ContainerAdministrator', dockerfile: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo hi', lines: [1], message: 'ContainerAdministrator' },
  { name: 'lowercase from', dockerfile: 'from debian:12.5', lines: [1] },

  // last USER is root: reported on that USER
  { name: 'USER root', dockerfile: 'FROM debian:12.5\nUSER root', lines: [2], message: '`USER root`' },
  { name: 'USER 0', dockerfile: 'FROM debian:12.5\nUSER 0', lines: [2] },
  { name: 'USER root:root', dockerfile: 'FROM debian:12.5\nUSER root:root', lines: [2] },
  { name: 'USER 0:0', dockerfile: 'FROM debian:12.5\nUSER 0:0', lines: [2] },
  { name: 'USER root with a non-root group', dockerfile: 'FROM debian:12.5\nUSER root:app', lines: [2] },
  { name: 'back to root at the end', dockerfile: 'FROM debian:12.5\nUSER app\nRUN make\nUSER root', lines: [4] },
  { name: 'lowercase user', dockerfile: 'FROM debian:12.5\nuser root', lines: [2] },
  { name: 'root inherited from an earlier stage is reported where it is set', dockerfile: 'FROM debian:12.5 AS base\nUSER root\nFROM base\nRUN true', lines: [2] },
  { name: 'ARG default that makes USER root', dockerfile: 'FROM debian:12.5\nARG RUN_AS=root\nUSER ${RUN_AS}', lines: [3] },
  { name: 'ENV that makes USER 0', dockerfile: 'FROM debian:12.5\nENV UID=0\nUSER $UID', lines: [3] },
  { name: 'global ARG default, redeclared in the stage, that makes USER root', dockerfile: 'ARG RUN_AS=root\nFROM debian:12.5\nARG RUN_AS\nUSER $RUN_AS', lines: [4] },
  { name: 'ENV of the stage built FROM that makes USER root', dockerfile: 'FROM debian:12.5 AS base\nENV RUN_AS=root\nFROM base\nUSER $RUN_AS', lines: [4] },
  { name: 'a global ARG not redeclared in the stage is empty there', dockerfile: 'ARG RUN_AS=root\nFROM debian:12.5\nUSER app$RUN_AS', lines: [] },
  { name: 'USER ContainerAdministrator', dockerfile: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerAdministrator', lines: [2], message: 'administrator' },

  // non-root: nothing to report
  { name: 'USER app', dockerfile: 'FROM debian:12.5\nUSER app', lines: [] },
  { name: 'numeric non-root user', dockerfile: 'FROM debian:12.5\nUSER 10001:10001', lines: [] },
  { name: 'OpenShift style: non-root user, root group', dockerfile: 'FROM debian:12.5\nUSER 1001:0', lines: [] },
  { name: 'root to install, then non-root', dockerfile: 'FROM debian:12.5\nUSER root\nRUN apt-get update\nUSER app', lines: [] },
  { name: 'USER 0 in a build stage only', dockerfile: 'FROM debian:12.5 AS build\nUSER 0\nFROM debian:12.5\nUSER app', lines: [] },
  { name: 'non-root USER inherited from an earlier stage', dockerfile: 'FROM debian:12.5 AS base\nUSER app\nFROM base\nRUN true', lines: [] },
  { name: 'non-root USER inherited through two stages', dockerfile: 'FROM debian:12.5 AS a\nUSER 1000\nFROM a AS b\nRUN x\nFROM b', lines: [] },
  { name: 'scratch with a numeric USER', dockerfile: 'FROM scratch\nCOPY app /app\nUSER 65532:65532', lines: [] },
  { name: 'distroless nonroot tag', dockerfile: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app', lines: [] },
  { name: 'unprivileged image', dockerfile: 'FROM nginxinc/nginx-unprivileged:1.25-alpine\nCOPY site /usr/share/nginx/html', lines: [] },
  { name: 'Nano Server starts as ContainerUser', dockerfile: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY app.exe /', lines: [] },
  { name: 'USER ContainerUser', dockerfile: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerUser', lines: [] },
  { name: 'USER from a build argument without default cannot be judged', dockerfile: 'FROM debian:12.5\nARG APP_USER\nUSER $APP_USER', lines: [] },
  { name: 'USER from an ENV with a non-root value', dockerfile: 'FROM debian:12.5\nENV APP_USER=app\nUSER ${APP_USER}', lines: [] },
  { name: 'a USER named like root is not root', dockerfile: 'FROM debian:12.5\nUSER rootless', lines: [] },
  { name: 'ONBUILD USER root does not change this image', dockerfile: 'FROM debian:12.5\nUSER app\nONBUILD USER root', lines: [] },
  { name: 'a fragment without FROM builds no image', dockerfile: 'RUN true', lines: [] },
  { name: 'ignored by pragma', dockerfile: '# plimsoll ignore=PL2001\nFROM debian:12.5', lines: [] },
]);
