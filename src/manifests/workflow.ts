import { isScalar, type Node, type Scalar } from 'yaml';
import type { KindResult } from './compose.js';
import { DOCKER_SCHEME, dropScheme, expressionCause, manifestImage } from './image-value.js';
import { unplaced } from './traced.js';
import type { ManifestImage } from './types.js';
import { parseYamlStream } from '../yaml/parse.js';
import { streamProblem, YamlReader } from './yaml.js';

/**
 * GitHub Actions workflows and actions (GitHub's workflow and metadata syntax):
 * `jobs.<id>.container` (an image, or a mapping with `image`), `jobs.<id>.services.<id>` (likewise),
 * steps that run an image (`uses: docker://IMAGE`, inside `parallel:` groups too), and an action's
 * `runs.image: docker://IMAGE` and its composite steps. A `docker://` prefix is dropped; `runs.image`
 * without it is a Dockerfile path, not an image. A `${{ … }}` expression is known only at run time.
 */

export function extractWorkflow(path: string, text: string): KindResult {
  const stream = parseYamlStream(text);
  const images: ManifestImage[] = [];
  const seen = new Set<Node>();

  for (const doc of stream.documents) {
    const yaml = new YamlReader(doc, text, stream.lines, path);
    const root = yaml.contents;
    const add = (node: Node | null, where: string, imageOnly: 'any' | 'docker-scheme') => {
      if (!isScalar(node) || seen.has(node)) return;
      const raw = yaml.string(node);
      if (raw === null || raw === '') return;
      if (imageOnly === 'docker-scheme' && !raw.startsWith(DOCKER_SCHEME)) return;
      seen.add(node);
      images.push(imageOf(yaml, node, raw, where));
    };
    const steps = (list: Node | null, where: string): void => {
      yaml.items(list).forEach((step, index) => {
        const at = `${where}[${index}]`;
        add(yaml.get(step, 'uses'), `${at}.uses`, 'docker-scheme');
        steps(yaml.get(step, 'parallel'), `${at}.parallel`);
      });
    };

    for (const [id, job] of yaml.entries(yaml.get(root, 'jobs'))) {
      const container = yaml.get(job, 'container');
      if (yaml.map(container)) add(yaml.get(container, 'image'), `jobs.${id}.container.image`, 'any');
      else add(container, `jobs.${id}.container`, 'any');
      for (const [service, definition] of yaml.entries(yaml.get(job, 'services'))) {
        if (yaml.map(definition)) add(yaml.get(definition, 'image'), `jobs.${id}.services.${service}.image`, 'any');
        else add(definition, `jobs.${id}.services.${service}`, 'any');
      }
      steps(yaml.get(job, 'steps'), `jobs.${id}.steps`);
    }
    const runs = yaml.get(root, 'runs');
    add(yaml.get(runs, 'image'), 'runs.image', 'docker-scheme');
    steps(yaml.get(runs, 'steps'), 'runs.steps');
  }
  images.sort((a, b) => a.span.start - b.span.start);
  const problem = streamProblem(stream, path);
  return { images, problems: problem ? [problem] : [], skipped: null };
}

function imageOf(yaml: YamlReader, node: Scalar, raw: string, where: string): ManifestImage {
  const cause = expressionCause(raw);
  return manifestImage({
    source: 'workflow',
    file: yaml.file,
    where,
    raw,
    span: yaml.span(node),
    expanded: cause === null ? dropScheme(yaml.traced(node) ?? unplaced(raw)) : null,
    cause,
  });
}
