import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { problemCodes } from '../src/model/problems.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every problem code with its severity', () => {
    for (const [code, { severity }] of Object.entries(problemCodes)) {
      expect(readme, code).toMatch(new RegExp(`\\| \`${code}\` \\| ${severity} \\|`));
    }
  });
});
