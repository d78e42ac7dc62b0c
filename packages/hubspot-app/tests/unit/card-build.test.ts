// The card is built by the test command: the entrypoint HubSpot bundles must bundle for the browser with
// the automatic JSX runtime, resolve every import, and carry the generated backend URL.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import { BACKEND_BASE_URL } from '../../src/app/cards/backend-url.generated';

const ENTRY = fileURLToPath(new URL('../../src/app/cards/submit-to-aws-card.tsx', import.meta.url));

describe('card bundle', () => {
  it('bundles the entrypoint for the browser without errors', async () => {
    // Act
    const out = await build({
      entryPoints: [ENTRY],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      jsx: 'automatic',
      logLevel: 'silent',
      metafile: true,
    });
    // Assert
    expect(out.errors).toEqual([]);
    const code = out.outputFiles[0]?.text ?? '';
    expect(code).toContain(BACKEND_BASE_URL);
    const inputs = Object.keys(out.metafile.inputs);
    // Server code must never end up in the card.
    expect(inputs.filter((p) => /shared-core|ui-ext-|aws-sdk/.test(p))).toEqual([]);
  });
});
