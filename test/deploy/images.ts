import { pushAttestation, pushImage, pushIndex, REGISTRY_HOST, type Descriptor } from '../registry/local-registry.js';

/** BuildKit-shaped provenance statements (SLSA v0.2 `materials`, v1 `resolvedDependencies`), mode=min or max. */
export function provenance(version: 'v0.2' | 'v1', mode: 'min' | 'max', materials: Array<{ uri: string; digest: string }>) {
  const deps = materials.map((m) => ({ uri: m.uri, digest: { sha256: m.digest.replace(/^sha256:/, '') } }));
  const subject = [{ name: 'pkg:docker/acme/app@1.0.0?platform=linux%2Famd64', digest: { sha256: 'f'.repeat(64) } }];
  if (version === 'v0.2') {
    return {
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: 'https://slsa.dev/provenance/v0.2',
      subject,
      predicate: {
        builder: { id: '' },
        buildType: 'https://mobyproject.org/buildkit@v1',
        materials: deps,
        invocation: { configSource: { entryPoint: 'Dockerfile' }, parameters: { frontend: 'dockerfile.v0', ...(mode === 'max' ? { args: { 'build-arg:NODE': '20.11.1' } } : {}) }, environment: { platform: 'linux/amd64' } },
        ...(mode === 'max' ? { buildConfig: { llbDefinition: [{ id: 'step0', op: { Op: { source: { identifier: 'docker-image://x' } } } }] } } : {}),
        metadata: { buildStartedOn: '2026-01-01T00:00:00Z', completeness: { parameters: mode === 'max', environment: true, materials: false }, reproducible: false },
      },
    };
  }
  return {
    _type: 'https://in-toto.io/Statement/v0.1',
    predicateType: 'https://slsa.dev/provenance/v1',
    subject,
    predicate: {
      buildDefinition: {
        buildType: 'https://github.com/moby/buildkit/blob/master/docs/attestations/slsa-definitions.md',
        externalParameters: { configSource: { path: 'Dockerfile' }, request: { frontend: 'dockerfile.v0' } },
        internalParameters: mode === 'max' ? { buildConfig: { llbDefinition: [] } } : {},
        resolvedDependencies: deps,
      },
      runDetails: { builder: { id: '' }, metadata: { invocationID: 'x', startedOn: '2026-01-01T00:00:00Z' } },
    },
  };
}

/** An application image built for each platform, with a provenance attestation per platform, as buildx pushes it. */
export async function pushBuildxImage(repository: string, tag: string, statementFor: (platform: Descriptor) => object, platforms = ['amd64', 'arm64']): Promise<Descriptor> {
  const manifests: Descriptor[] = [];
  for (const architecture of platforms) {
    const image = await pushImage(repository, null, { platform: { architecture, os: 'linux' }, salt: `${tag} ${architecture}` });
    manifests.push(image);
  }
  const attestations = [];
  for (const image of manifests) attestations.push(await pushAttestation(repository, image, statementFor(image)));
  return pushIndex(repository, tag, [...manifests, ...attestations]);
}

export const local = (repository: string) => `${REGISTRY_HOST}/${repository}`;
