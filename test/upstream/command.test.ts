import { describe, expect, it } from 'vitest';
import { countUpstreamRechecks } from '../../src/upstream/command.js';

describe('/plimsoll recheck upstream', () => {
  it.each([
    ['/plimsoll recheck upstream', 1],
    ['please\n/PLIMSOLL   recheck   UPSTREAM  \nthanks', 1],
    ['/plimsoll recheck', 0],
    ['/plimsoll recheck upstream now', 0],
    ['```\n/plimsoll recheck upstream\n```', 0],
    ['    /plimsoll recheck upstream', 0],
    ['> /plimsoll recheck upstream', 0],
    ['/plimsoll recheck upstream\r\n/plimsoll recheck upstream', 2],
  ])('%j → %i', (body, count) => {
    expect(countUpstreamRechecks(body)).toBe(count);
  });
});
