import { RequestError } from '@octokit/request-error';
import { describe, expect, it } from 'vitest';
import { credentialProblem } from '../../src/github/credentials.js';
import { webhookSecretProblem } from '../../src/github/webhook-errors.js';

const http = (status: number, message: string) => new RequestError(message, status, { request: { method: 'GET', url: 'https://api.github.com/app', headers: {} }, response: { status, url: '', headers: {}, data: { message } } });

describe('credentialProblem', () => {
  it.each([
    ['a JWT GitHub cannot decode', http(401, 'A JSON web token could not be decoded'), /^GitHub refused the app's credentials \(401\): APP_ID and the private key do not belong/],
    ['an app id GitHub does not know', http(404, 'Integration not found'), /^GitHub refused the app's credentials \(404\)/],
    ['a key that is not PEM', new Error('error:1E08010C:DECODER routines::unsupported'), /^The private key cannot be used \(.*DECODER.*\): set PRIVATE_KEY_PATH to the \.pem file/],
  ])('%s: one line that says what to set', (_, error, expected) => {
    expect(credentialProblem(error)).toMatch(expected);
  });

  it.each([
    ['GitHub down', http(502, 'Bad Gateway')],
    ['no network', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' })],
  ])('%s is not a setup error', (_, error) => {
    expect(credentialProblem(error)).toBeNull();
  });
});

describe('webhookSecretProblem', () => {
  it('names WEBHOOK_SECRET for a signature mismatch, however @octokit/webhooks wraps it', () => {
    const mismatch = new Error('[@octokit/webhooks] signature does not match event payload and secret');
    expect(webhookSecretProblem(new AggregateError([mismatch], mismatch.message))).toMatch(/^A webhook delivery was refused: its signature does not match WEBHOOK_SECRET\./);
    expect(webhookSecretProblem(mismatch)).not.toBeNull();
  });

  it('says nothing about other errors', () => {
    expect(webhookSecretProblem(new AggregateError([new Error('boom')], 'boom'))).toBeNull();
  });
});
