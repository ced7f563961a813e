/**
 * What a check run shows (GitHub's `output` and `annotations`, with the conclusion): produced by
 * the pure renderers (review/, policy-check/), written by github/check-run.ts.
 */

export interface CheckRunOutput {
  title: string;
  summary: string;
  text: string;
}

export interface CheckRunAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}

export interface CheckRunResult {
  conclusion: 'success' | 'failure' | 'neutral';
  output: CheckRunOutput;
  annotations: readonly CheckRunAnnotation[];
}
