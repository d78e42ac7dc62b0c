// Offline validation of the HubSpot developer project (platform 2025.2) against a schema written from the
// documented fields. What cannot be checked offline (HubSpot's own validator, `hs project upload`, whether the
// scopes are granted to the account) is listed in the package README.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { BACKEND_BASE_URL } from '../../src/app/cards/backend-url.generated';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const json = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

const Uid = z.string().regex(/^[a-z0-9_]{1,64}$/);
const HttpsUrl = z.string().url().startsWith('https://');

const ProjectSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9-]{1,64}$/),
    srcDir: z.literal('src'),
    platformVersion: z.literal('2025.2'),
  })
  .strict();

/** Scopes the backend's HubSpot calls need (deals, companies, contacts, their schemas). */
const KNOWN_SCOPES = [
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.schemas.deals.read',
  'crm.schemas.deals.write',
  'crm.schemas.companies.write',
  'crm.schemas.contacts.write',
] as const;

const AppSchema = z
  .object({
    uid: Uid,
    type: z.literal('app'),
    config: z
      .object({
        name: z.string().min(1).max(200),
        description: z.string().min(1).max(8192),
        distribution: z.enum(['private', 'marketplace']),
        auth: z
          .object({
            type: z.enum(['static', 'oauth']),
            redirectUrls: z.array(HttpsUrl),
            requiredScopes: z.array(z.enum(KNOWN_SCOPES)).min(1),
            optionalScopes: z.array(z.string()),
            conditionallyRequiredScopes: z.array(z.string()),
          })
          .strict(),
        permittedUrls: z
          .object({
            fetch: z.array(HttpsUrl).min(1),
            iframe: z.array(HttpsUrl),
            img: z.array(HttpsUrl),
          })
          .strict(),
        support: z
          .object({
            supportEmail: z.string().email(),
            documentationUrl: HttpsUrl,
            supportUrl: HttpsUrl,
          })
          .strict(),
      })
      .strict(),
  })
  .strict();

const CardSchema = z
  .object({
    uid: Uid,
    type: z.literal('card'),
    config: z
      .object({
        name: z.string().min(1).max(200),
        description: z.string().max(500),
        location: z.enum([
          'crm.record.tab',
          'crm.record.sidebar',
          'crm.preview',
          'helpdesk.sidebar',
        ]),
        objectTypes: z.array(z.enum(['contacts', 'companies', 'deals', 'tickets'])).min(1),
        entrypoint: z.string().regex(/^\/app\/cards\/[a-z0-9-]+\.tsx$/),
      })
      .strict(),
  })
  .strict();

describe('HubSpot project files', () => {
  it('hsproject.json names the src dir and the 2025.2 platform', () => {
    expect(ProjectSchema.safeParse(json('hsproject.json')).error?.issues).toBeUndefined();
  });

  it('app-hsmeta.json is a private static-auth app with scopes and permitted fetch URLs', () => {
    expect(AppSchema.safeParse(json('src/app/app-hsmeta.json')).error?.issues).toBeUndefined();
  });

  it('permits exactly the backend URL the card is generated to call', () => {
    const app = AppSchema.parse(json('src/app/app-hsmeta.json'));
    expect(app.config.permittedUrls.fetch).toEqual([BACKEND_BASE_URL]);
  });

  it('the card is a deal record tab whose entrypoint exists', () => {
    const card = CardSchema.parse(json('src/app/cards/submit-to-aws-card-hsmeta.json'));
    expect(card.config.objectTypes).toEqual(['deals']);
    expect(existsSync(join(ROOT, 'src', card.config.entrypoint))).toBe(true);
  });

  it('every *-hsmeta.json component has a unique uid and a known type', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true }))
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('-hsmeta.json')) files.push(join(dir, e.name));
    };
    walk('src/app');
    const metas = files.map((f) => json(f) as { uid: string; type: string });
    expect(metas.map((m) => m.type).sort()).toEqual(['app', 'card', 'webhooks']);
    expect(new Set(metas.map((m) => m.uid)).size).toBe(metas.length);
  });

  it('the cards package pins the same ui-extensions and React versions as the workspace', () => {
    const cards = json('src/app/cards/package.json') as { dependencies: Record<string, string> };
    const pkg = json('package.json') as { dependencies: Record<string, string> };
    expect(cards.dependencies['@hubspot/ui-extensions']).toBe(
      pkg.dependencies['@hubspot/ui-extensions']
    );
    expect(cards.dependencies.react).toBe(pkg.dependencies.react);
  });
});
