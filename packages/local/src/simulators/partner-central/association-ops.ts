// AssociateOpportunity / DisassociateOpportunity and ListSolutions (seeded solutions).
import type { Catalog } from '@govwin-ace/shared-core';
import { nextModified, type OperationHandler } from './context';
import { businessError, notFound } from './errors';
import { findOpportunity } from './opportunity-ops';
import { assertEditable } from './opportunity-rules';
import type { SolutionSeed } from './options';
import { arnFor, type CatalogState, type IdFactory } from './state';
import { inFilter, page, sortBy } from './support';
import type { Json } from './validate';

/** Per-opportunity association limits (external-apis §1.10). */
const LIMITS: Readonly<Record<string, number>> = {
  AwsProducts: 20,
  Solutions: 10,
  AwsMarketplaceSolutions: 10,
  AwsMarketplaceProducts: 10,
  AwsMarketplaceOffers: 1,
  AwsMarketplaceOfferSets: 1,
};

const MARKETPLACE_FORMAT: Readonly<Record<string, RegExp>> = {
  AwsMarketplaceOffers:
    /^arn:aws:aws-marketplace:[a-z]{1,2}-[a-z]*-\d+:\d{12}:AWSMarketplace\/Offer\/.+$/,
  AwsMarketplaceOfferSets:
    /^arn:aws:aws-marketplace:[a-z]{1,2}-[a-z]*-\d+:\d{12}:AWSMarketplace\/OfferSet\/offerset-.+$/,
  AwsMarketplaceSolutions: /^arn:.{0,2044}$/,
  AwsMarketplaceProducts: /^arn:.{0,2044}$/,
};

const checkEntity = (catalog: CatalogState, type: string, id: string): void => {
  if (type === 'Solutions') {
    if (!catalog.solutions.has(id)) throw notFound('The solution');
    return;
  }
  const format = MARKETPLACE_FORMAT[type];
  if (format && !format.test(id)) {
    throw businessError(
      'RelatedEntityIdentifier',
      'INVALID_STRING_FORMAT',
      `RelatedEntityIdentifier is not a valid ${type} identifier.`
    );
  }
};

const associate: OperationHandler = (ctx, call) => {
  const entry = findOpportunity(call, call.input.OpportunityIdentifier);
  assertEditable(entry);
  const type = String(call.input.RelatedEntityType);
  const id = String(call.input.RelatedEntityIdentifier);
  checkEntity(call.catalog, type, id);
  const related = entry.record.RelatedEntityIdentifiers;
  const current = related[type] ?? [];
  if (current.includes(id)) return {};
  if (current.length >= (LIMITS[type] ?? 10)) {
    throw businessError(
      'RelatedEntityIdentifier',
      'TOO_MANY_VALUES',
      `An opportunity can have at most ${LIMITS[type]} ${type} associations.`
    );
  }
  related[type] = [...current, id];
  entry.record.LastModifiedDate = nextModified(entry.record.LastModifiedDate, call.now);
  ctx.emitOpportunity('Opportunity Updated', call.catalog.name, entry.record.Id, call.now);
  return {};
};

const disassociate: OperationHandler = (ctx, call) => {
  const entry = findOpportunity(call, call.input.OpportunityIdentifier);
  assertEditable(entry);
  const type = String(call.input.RelatedEntityType);
  const id = String(call.input.RelatedEntityIdentifier);
  const related = entry.record.RelatedEntityIdentifiers;
  const current = related[type] ?? [];
  if (!current.includes(id)) throw notFound('The association');
  related[type] = current.filter((x) => x !== id);
  entry.record.LastModifiedDate = nextModified(entry.record.LastModifiedDate, call.now);
  ctx.emitOpportunity('Opportunity Updated', call.catalog.name, entry.record.Id, call.now);
  return {};
};

const SOLUTION_SORT: Record<string, (s: Json) => string | number> = {
  Identifier: (s) => String(s.Id),
  Name: (s) => String(s.Name),
  Status: (s) => String(s.Status),
  Category: (s) => String(s.Category),
  CreatedDate: (s) => Number(s.CreatedDate),
};

const listSolutions: OperationHandler = (_ctx, call) => {
  const i = call.input;
  const matches = [...call.catalog.solutions.values()].filter(
    (s) =>
      inFilter(i.Status, s.Status) &&
      inFilter(i.Identifier, s.Id) &&
      inFilter(i.Category, s.Category) &&
      inFilter(i.AwsMarketplaceSolutionArn, s.AwsMarketplaceSolutionArn)
  );
  const sort = (i.Sort ?? {}) as Json;
  const key = SOLUTION_SORT[String(sort.SortBy ?? 'Identifier')] ?? SOLUTION_SORT.Identifier;
  const sorted = sortBy(
    matches,
    key as (s: Json) => string,
    (s) => String(s.Id),
    sort.SortOrder ?? 'ASCENDING'
  );
  const { items, NextToken } = page(sorted, i, 20);
  return { SolutionSummaries: items, ...(NextToken ? { NextToken } : {}) };
};

/** Loads the configured solutions into a catalog. */
export const seedSolutions = (
  catalog: CatalogState,
  seeds: readonly SolutionSeed[],
  ids: IdFactory,
  now: number
): void => {
  for (const seed of seeds) {
    if (seed.catalog && seed.catalog !== catalog.name) continue;
    const id = seed.id ?? ids.solution();
    if (!/^S-[0-9]{1,19}$/.test(id)) {
      throw new RangeError('partner-central simulator: solution ids must look like S-0000001');
    }
    catalog.solutions.set(id, {
      Catalog: catalog.name as Catalog,
      Id: id,
      Name: seed.name,
      Status: seed.status ?? 'Active',
      Category: seed.category ?? 'Software Product',
      CreatedDate: now,
      Arn: arnFor(catalog.name, 'solution', id),
    });
  }
};

export const associationOperations: Record<string, OperationHandler> = {
  AssociateOpportunity: associate,
  DisassociateOpportunity: disassociate,
  ListSolutions: listSolutions,
};
