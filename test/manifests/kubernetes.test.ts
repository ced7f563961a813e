import { describe, expect, it } from 'vitest';
import { extractManifest } from '../../src/manifests/extract.js';
import { rowsLike, type Row } from './rows.js';

/** Kubernetes manifests read as the Kubernetes API defines pod specs and pod templates. */

const podTemplate = (kind: string, apiVersion: string, image: string) => `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ${image}
`;

interface Case {
  name: string;
  yaml: string;
  rows: Row[];
  cause?: string;
  skipped?: string;
}

const cases: Case[] = [
  {
    name: 'Pod: containers, initContainers, ephemeralContainers',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: debug}
spec:
  initContainers:
    - name: migrate
      image: ghcr.io/acme/migrate:2.1.0
  containers:
    - name: app
      image: ghcr.io/acme/app:2.1.0
    - name: proxy
      image: envoyproxy/envoy:v1.29.1
  ephemeralContainers:
    - name: shell
      image: busybox:1.36.1
`,
    rows: [
      { line: 7, column: 14, raw: 'ghcr.io/acme/migrate:2.1.0', image: 'ghcr.io/acme/migrate:2.1.0', where: 'spec.initContainers[0].image' },
      { line: 10, raw: 'ghcr.io/acme/app:2.1.0', image: 'ghcr.io/acme/app:2.1.0', where: 'spec.containers[0].image' },
      { line: 12, raw: 'envoyproxy/envoy:v1.29.1', image: 'docker.io/envoyproxy/envoy:v1.29.1', where: 'spec.containers[1].image' },
      { line: 15, raw: 'busybox:1.36.1', image: 'docker.io/library/busybox:1.36.1', where: 'spec.ephemeralContainers[0].image' },
    ],
  },
  ...[
    ['Deployment', 'apps/v1'],
    ['ReplicaSet', 'apps/v1'],
    ['StatefulSet', 'apps/v1'],
    ['DaemonSet', 'apps/v1'],
    ['Job', 'batch/v1'],
    ['ReplicationController', 'v1'],
    ['PodTemplate', 'v1'],
    ['Rollout', 'argoproj.io/v1alpha1'],
  ].map(([kind, apiVersion]) => ({
    name: `${kind}: the pod template`,
    yaml: podTemplate(kind!, apiVersion!, 'nginx:1.25.3'),
    rows: [{ line: 14, column: 18, raw: 'nginx:1.25.3', image: 'docker.io/library/nginx:1.25.3', where: 'spec.template.spec.containers[0].image' }],
  })),
  {
    name: "CronJob: the jobTemplate's pod template",
    yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: backup
              image: "postgres:16.1-alpine3.19"
`,
    rows: [{ line: 13, raw: 'postgres:16.1-alpine3.19', image: 'docker.io/library/postgres:16.1-alpine3.19', where: 'spec.jobTemplate.spec.template.spec.containers[0].image' }],
  },
  {
    name: 'kind: List items',
    yaml: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec:
      containers: [{name: a, image: "redis:7.2.4"}]
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: b}
    spec:
      template:
        spec:
          containers: [{name: b, image: "memcached:1.6.23"}]
`,
    rows: [
      { line: 8, raw: 'redis:7.2.4', image: 'docker.io/library/redis:7.2.4', where: 'items[0].spec.containers[0].image' },
      { line: 15, raw: 'memcached:1.6.23', image: 'docker.io/library/memcached:1.6.23', where: 'items[1].spec.template.spec.containers[0].image' },
    ],
  },
  {
    name: 'a custom resource that embeds a pod template (Knative Service)',
    yaml: `apiVersion: serving.knative.dev/v1
kind: Service
metadata: {name: hello}
spec:
  template:
    spec:
      containers:
        - image: ghcr.io/knative/helloworld-go:1.0.0
`,
    rows: [{ line: 8, raw: 'ghcr.io/knative/helloworld-go:1.0.0', image: 'ghcr.io/knative/helloworld-go:1.0.0' }],
  },
  {
    name: 'image volumes (volumes[].image.reference)',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: with-artifact}
spec:
  containers:
    - name: app
      image: alpine:3.19.1
  volumes:
    - name: models
      image:
        reference: quay.io/acme/models:v2.0.0
        pullPolicy: IfNotPresent
    - name: broken
      image:
        notReference: x
    - name: config
      configMap: {name: app}
`,
    rows: [
      { line: 7, raw: 'alpine:3.19.1', image: 'docker.io/library/alpine:3.19.1' },
      { line: 11, raw: 'quay.io/acme/models:v2.0.0', image: 'quay.io/acme/models:v2.0.0', where: 'spec.volumes[0].image.reference' },
    ],
  },
  {
    name: 'multi-document files, with documents that are not pods and blank documents',
    yaml: `${podTemplate('Deployment', 'apps/v1', 'nginx:1.7.9')}---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports: [{port: 80}]
---
---
${podTemplate('DaemonSet', 'apps/v1', 'k8s.gcr.io/kube-proxy-amd64:v1.11.1 # trailing comment')}`,
    rows: [
      { line: 14, raw: 'nginx:1.7.9', image: 'docker.io/library/nginx:1.7.9' },
      { line: 36, raw: 'k8s.gcr.io/kube-proxy-amd64:v1.11.1', image: 'k8s.gcr.io/kube-proxy-amd64:v1.11.1' },
    ],
  },
  {
    name: 'flow style, quoted, and a tag with underscores',
    yaml: `{"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"template": {"spec": {"containers": [
  {"name": "litellm", "image": "ghcr.io/berriai/litellm:litellm_stable_release_branch-v1.67.0-stable"}]}}}}
`,
    rows: [{ line: 2, column: 32, raw: 'ghcr.io/berriai/litellm:litellm_stable_release_branch-v1.67.0-stable', image: 'ghcr.io/berriai/litellm:litellm_stable_release_branch-v1.67.0-stable' }],
  },
  {
    name: 'a container list item given by an alias: one row, at the anchor',
    yaml: `apiVersion: v1
kind: Pod
spec:
  containers:
    - &sidecar {name: proxy, image: "envoyproxy/envoy:v1.29.1"}
    - *sidecar
`,
    rows: [{ line: 5, raw: 'envoyproxy/envoy:v1.29.1', image: 'docker.io/envoyproxy/envoy:v1.29.1' }],
  },
  {
    name: 'Helm values in a value that parses: unresolved, listed',
    yaml: podTemplate('Deployment', 'apps/v1', '"{{ .Values.image.repository }}:{{ .Values.image.tag }}"'),
    rows: [{ line: 14, raw: '{{ .Values.image.repository }}:{{ .Values.image.tag }}', image: 'unresolved' }],
    cause: 'template expression ({{ .Values.image.repository }})',
  },
  {
    name: 'a variable a tool substitutes (envsubst, Flux): unresolved',
    yaml: podTemplate('Deployment', 'apps/v1', 'ghcr.io/acme/app:${IMAGE_TAG}'),
    rows: [{ line: 14, raw: 'ghcr.io/acme/app:${IMAGE_TAG}', image: 'unresolved' }],
    cause: 'it holds a variable (${IMAGE_TAG})',
  },
  {
    name: 'a value that is no reference: unresolved',
    yaml: podTemplate('Deployment', 'apps/v1', '"Not An Image"'),
    rows: [{ line: 14, raw: 'Not An Image', image: 'unresolved' }],
    cause: '"Not An Image" is not a valid image reference',
  },
  {
    name: 'containers without image (a controller fills it in), empty image',
    yaml: 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n    - name: b\n      image: ""\n',
    rows: [],
  },
  { name: 'a ConfigMap: no pod spec', yaml: 'apiVersion: v1\nkind: ConfigMap\ndata:\n  image: nginx:1\n', rows: [] },
  {
    name: 'a Kustomization has apiVersion and kind but no pod spec',
    yaml: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n  - name: nginx\n    newTag: 1.25.3\n',
    rows: [],
  },
  {
    name: 'a CRD schema mentioning containers is not a pod spec',
    yaml: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
spec:
  versions:
    - name: v1
      schema:
        openAPIV3Schema:
          properties:
            containers:
              type: array
              items: {type: object, properties: {image: {type: string}}}
`,
    rows: [],
  },
  {
    name: 'YAML of another tool (GitLab CI: image keys, no apiVersion and kind) is skipped',
    yaml: 'stages: [build]\nhadolint:\n  stage: build\n  image: hadolint/hadolint:latest\n  script: [hadolint Dockerfile]\n',
    rows: [],
    skipped: 'not a Kubernetes manifest',
  },
  {
    name: 'a Helm template that does not parse is skipped, not a problem',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chart.fullname" . }}
  labels:
    {{- include "chart.labels" . | nindent 4 }}
spec:
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
`,
    rows: [],
    skipped: 'a template',
  },
];

describe('Kubernetes manifests', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const extraction = extractManifest('kubernetes', 'k8s/app.yaml', c.yaml);
    expect(extraction.problems).toEqual([]);
    expect(rowsLike(extraction, c.rows)).toEqual(c.rows);
    expect(extraction.images.every((image) => image.source === 'kubernetes' && image.fromArg === null)).toBe(true);
    if (c.cause !== undefined) for (const image of extraction.images) expect(image.cause).toContain(c.cause);
    if (c.skipped !== undefined) expect(extraction.skipped).toContain(c.skipped);
    else expect(extraction.skipped).toBeNull();
  });

  it('reads the documents that parse, and warns once about those that do not', () => {
    const yaml = `${podTemplate('Deployment', 'apps/v1', 'nginx:1.25.3')}---
apiVersion: v1
kind: Pod
spec:
  containers: [
---
apiVersion: v1
kind: Pod
spec:
  containers: [{image: "redis:7.2.4"}]
  containers: [{image: "redis:6"}]
---
apiVersion: v1
kind: Pod
spec:
  containers: [{image: "memcached:1.6.23"}]
`;
    const extraction = extractManifest('kubernetes', 'k8s/all.yaml', yaml);
    expect(extraction.images.map((i) => i.expanded)).toEqual(['nginx:1.25.3', 'memcached:1.6.23']);
    expect(extraction.problems).toHaveLength(1);
    expect(extraction.problems[0]).toMatchObject({ file: 'k8s/all.yaml', line: 20 });
    expect(extraction.problems[0]!.message).toMatch(/^not valid YAML: .*\(and 1 more problem\)$/);
  });

  it('refuses duplicate keys, as kubectl does', () => {
    const extraction = extractManifest('kubernetes', 'pod.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: nginx:1\n      image: nginx:2\n');
    expect(extraction.images).toEqual([]);
    expect(extraction.problems).toEqual([{ file: 'pod.yaml', line: 6, column: 7, message: 'not valid YAML: the key "image" is written twice in one mapping' }]);
  });
});
