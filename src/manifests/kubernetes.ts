import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { KindResult } from './compose.js';
import { expressionCause, manifestImage } from './image-value.js';
import { unplaced } from './traced.js';
import type { ManifestImage } from './types.js';
import { keyName, parseYamlStream } from '../yaml/parse.js';
import { streamProblem, YamlReader } from './yaml.js';

/**
 * Kubernetes manifests (the Kubernetes API): every document with `apiVersion` and `kind` is read,
 * and every pod spec in it, wherever it sits: a Pod's `spec`, the pod template of a Deployment,
 * ReplicaSet, StatefulSet, DaemonSet, Job or ReplicationController, a CronJob's `jobTemplate`,
 * the items of a `kind: List`, and custom resources that embed a pod template. A pod spec is a
 * mapping with a `containers` list; its images are those of `initContainers`, `containers`,
 * `ephemeralContainers`, and image volumes (`volumes[].image.reference`).
 */

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Why a YAML file of no other kind was not read: it holds no manifest. */
export const NOT_A_MANIFEST = 'no document has apiVersion and kind: not a Kubernetes manifest';

/** A YAML file none of whose text mentions both keys cannot hold a manifest: not parsed at all. */
export function mayHoldManifest(text: string): boolean {
  return /\bapiVersion\b/.test(text) && /\bkind\b/.test(text);
}

export function extractKubernetes(path: string, text: string): KindResult {
  if (!mayHoldManifest(text)) return { images: [], problems: [], skipped: NOT_A_MANIFEST };
  const stream = parseYamlStream(text);
  if (stream.documents.length === 0 && /\{\{.*\}\}/.test(text)) {
    return { images: [], problems: [], skipped: 'a template (it uses {{ … }}), not a manifest: it is read once rendered' };
  }

  const images: ManifestImage[] = [];
  const seen = new Set<Node>();
  let manifests = 0;
  for (const doc of stream.documents) {
    const yaml = new YamlReader(doc, text, stream.lines, path);
    const root = yaml.contents;
    if (yaml.string(yaml.get(root, 'apiVersion')) === null || yaml.string(yaml.get(root, 'kind')) === null) continue;
    manifests++;
    const visited = new Set<Node>();
    // The document as written: aliases are not followed here (their anchors are walked where
    // written), so the walk is linear in the text.
    const walk = (node: unknown, where: string): void => {
      if (!node || typeof node !== 'object' || visited.has(node as Node)) return;
      visited.add(node as Node);
      if (isMap(node)) {
        if (isPodSpec(yaml, node)) podSpecImages(yaml, node, where, (image) => images.push(image), seen);
        for (const pair of node.items) {
          const key = keyName(pair.key);
          if (key !== null) walk(pair.value, where === '' ? key : `${where}.${key}`);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, index) => walk(item, `${where}[${index}]`));
      }
    };
    walk(doc.document.contents, '');
  }
  images.sort((a, b) => a.span.start - b.span.start);
  const problem = streamProblem(stream, path);
  return { images, problems: problem ? [problem] : [], skipped: manifests === 0 && problem === null ? NOT_A_MANIFEST : null };
}

function isPodSpec(yaml: YamlReader, node: Node): boolean {
  return isSeq(yaml.resolve(yaml.get(node, 'containers')));
}

function podSpecImages(yaml: YamlReader, spec: Node, where: string, add: (image: ManifestImage) => void, seen: Set<Node>): void {
  const prefix = where === '' ? '' : `${where}.`;
  for (const list of CONTAINER_LISTS) {
    yaml.items(yaml.get(spec, list)).forEach((container, index) => {
      const image = yaml.get(container, 'image');
      if (isScalar(image)) addImage(yaml, image, `${prefix}${list}[${index}].image`, add, seen);
    });
  }
  yaml.items(yaml.get(spec, 'volumes')).forEach((volume, index) => {
    const reference = yaml.get(yaml.get(volume, 'image'), 'reference');
    if (isScalar(reference)) addImage(yaml, reference, `${prefix}volumes[${index}].image.reference`, add, seen);
  });
}

function addImage(yaml: YamlReader, node: Scalar, where: string, add: (image: ManifestImage) => void, seen: Set<Node>): void {
  if (seen.has(node)) return;
  const raw = yaml.string(node);
  if (raw === null || raw === '') return;
  seen.add(node);
  const cause = expressionCause(raw);
  add(
    manifestImage({
      source: 'kubernetes',
      file: yaml.file,
      where,
      raw,
      span: yaml.span(node),
      expanded: cause === null ? (yaml.traced(node) ?? unplaced(raw)) : null,
      cause,
    }),
  );
}
