// Opportunity sub-resources (external-apis.md §3.7): paging, the documented sort columns, and the
// collection keys. The PDF prints capitalised keys (`Contacts`, `Contracts`, …) while the prior-art
// client read lower-case ones, so the key style is a simulator option; FBO notices and related
// articles always come back under `documentLinks`.
import type { GovWinJson, GovWinSubResourceName } from '../../fixtures/govwin-fixtures';
import { GovWinParamError } from './errors';
import { assertAllowedParams, readPaging } from './query-params';

export type CollectionKeyStyle = 'lower' | 'documented';

interface SubResourceSpec {
  defaultSort: string | undefined;
  sorts: readonly string[];
  documentedKey: string;
  lowerKey: string;
}

const spec = (
  defaultSort: string | undefined,
  sorts: readonly string[],
  documentedKey: string,
  lowerKey: string = documentedKey
): SubResourceSpec => ({ defaultSort, sorts, documentedKey, lowerKey });

export const SUB_RESOURCE_SPECS: Record<GovWinSubResourceName, SubResourceSpec> = {
  placesOfPerformance: spec(
    undefined,
    ['isPrimary', 'country', 'state', 'location', 'description'],
    'placesOfPerformance'
  ),
  fboNotices: spec('publicationDate', ['publicationDate', 'title'], 'documentLinks'),
  relatedDocuments: spec('publicationDate', ['publicationDate', 'title'], 'relatedDocuments'),
  markedByUsers: spec('email', ['email', 'firstName', 'lastName'], 'markedByUsers'),
  relatedArticles: spec('publicationDate', ['publicationDate'], 'documentLinks'),
  contracts: spec('awardDate', ['awardDate', 'contractNumber'], 'Contracts', 'contracts'),
  assessments: spec('awardDate', ['awardDate'], 'OpportunityAssessment', 'assessments'),
  milestones: spec('mileStoneDate', ['mileStoneDate', 'labelName'], 'Milestones', 'milestones'),
  contacts: spec(
    'modifiedDate',
    ['contactId', 'firstName', 'lastName', 'modifiedDate'],
    'Contacts',
    'contacts'
  ),
  companies: spec('id', ['id', 'name'], 'Companies', 'companies'),
  contractVehicles: spec(undefined, ['title', 'type'], 'contractVehicles'),
  verticals: spec('vertical', ['vertical', 'program'], 'Verticals', 'verticals'),
};

const PATH_ALIASES: Record<string, GovWinSubResourceName> = {
  contractvehicles: 'contractVehicles',
};
const PARAMS = new Set(['offset', 'max', 'sort', 'order']);

/** Resolves a path segment to a sub-resource name (undefined when unknown). */
export const resolveSubResource = (segment: string): GovWinSubResourceName | undefined => {
  if (segment in SUB_RESOURCE_SPECS) return segment as GovWinSubResourceName;
  return PATH_ALIASES[segment];
};

/** Compares two values for `order`; missing values always sort last. */
const compareValues = (a: unknown, b: unknown, order: 'asc' | 'desc'): number => {
  const missingA = a === undefined || a === null;
  const missingB = b === undefined || b === null;
  if (missingA || missingB) return Number(missingA) - Number(missingB);
  const c =
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return order === 'asc' ? c : -c;
};

/** Builds the listing body for one sub-resource of one opportunity. */
export const subResourceBody = (
  name: GovWinSubResourceName,
  items: readonly GovWinJson[],
  query: URLSearchParams,
  style: CollectionKeyStyle
): GovWinJson => {
  assertAllowedParams(query, PARAMS);
  const s = SUB_RESOURCE_SPECS[name];
  const { offset, max } = readPaging(query);
  const sort = query.get('sort') ?? s.defaultSort;
  if (sort !== undefined && !s.sorts.includes(sort)) {
    throw new GovWinParamError('error.invalid.sort', 'Invalid sort column');
  }
  const order = query.get('order') ?? (sort === undefined ? undefined : 'desc');
  if (order !== undefined && order !== 'asc' && order !== 'desc') {
    throw new GovWinParamError('error.invalid.order', 'Invalid sort order');
  }
  const sorted =
    sort === undefined
      ? [...items]
      : [...items].sort((a, b) =>
          compareValues(a[sort], b[sort], order === 'asc' ? 'asc' : 'desc')
        );
  const totalCount = sorted.length;
  return {
    links: {},
    meta: { paging: { max, offset, sort: sort ?? null, order: order ?? null, totalCount } },
    [style === 'documented' ? s.documentedKey : s.lowerKey]: sorted.slice(offset, offset + max),
  };
};
