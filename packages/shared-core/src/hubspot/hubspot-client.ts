// The HubSpot CRM client other flows depend on. Plain fetch through the shared HTTP client (the
// official SDK bundles to ~4.8 MB; external-apis §2.6). Every request takes a token from the shared
// per-10-second bucket; 429 (Retry-After) and 5xx are retried by the HTTP client; errors are redacted.
import { makeObjectsApi } from './objects-api';
import { makeSchemaApi } from './schema-api';
import { type HubSpotTransportDeps, makeHubSpotTransport } from './transport';
import type {
  AssociationPair,
  BatchOutcome,
  CreateInput,
  CrmObject,
  CrmObjectType,
  NewAssociation,
  Pipeline,
  PipelineInput,
  PipelineStage,
  PipelineStageInput,
  PropertyDefinition,
  PropertyGroup,
  PropertyValues,
  SearchPage,
  SearchRequest,
  UpdateInput,
  UpsertInput,
  UpsertResult,
} from './types';

/** Upsert keys of the GovWin sync (unique-value properties created by `setup-hubspot`). */
export const HUBSPOT_ID_PROPERTY = {
  deal: 'govwin_opp_id',
  company: 'govwin_entity_id',
} as const;

/**
 * The HubSpot operations the project uses. Batch methods accept any number of inputs and split them
 * into calls of 100; their results are paired to inputs by key, never by position. Single-record reads
 * resolve `undefined` on 404. Non-retryable failures throw `HubSpotError`; throttling and 5xx that
 * outlast the HTTP client's retries throw its retryable errors.
 */
export interface HubSpotClient {
  /** One deal, or undefined when it does not exist. */
  getDeal(id: string, properties?: readonly string[]): Promise<CrmObject | undefined>;
  /** One record of any type; `idProperty` reads by a unique property instead of the record id. */
  getObject(
    type: CrmObjectType,
    id: string,
    options?: { properties?: readonly string[]; idProperty?: string }
  ): Promise<CrmObject | undefined>;
  /** Partial update (only the given properties change; `null` clears one). */
  updateDeal(id: string, properties: PropertyValues): Promise<CrmObject>;
  updateObject(type: CrmObjectType, id: string, properties: PropertyValues): Promise<CrmObject>;
  /** Creates a deal, optionally associated in the same call. */
  createDeal(
    properties: PropertyValues,
    associations?: readonly NewAssociation[]
  ): Promise<CrmObject>;
  createObject(
    type: CrmObjectType,
    properties: PropertyValues,
    associations?: readonly NewAssociation[]
  ): Promise<CrmObject>;
  /** One page of a deal search (search has its own, lower rate limit). */
  searchDeals(request: SearchRequest): Promise<SearchPage>;
  search(type: CrmObjectType, request: SearchRequest): Promise<SearchPage>;
  /** Batch upsert by a unique property (`id` of each input = that property's value). */
  batchUpsert(
    type: CrmObjectType,
    idProperty: string,
    inputs: readonly UpsertInput[]
  ): Promise<BatchOutcome<UpsertResult>>;
  /** Deals upserted by `govwin_opp_id` unless another unique property is named. */
  batchUpsertDeals(
    inputs: readonly UpsertInput[],
    idProperty?: string
  ): Promise<BatchOutcome<UpsertResult>>;
  /** Companies upserted by `govwin_entity_id` unless another unique property is named. */
  batchUpsertCompanies(
    inputs: readonly UpsertInput[],
    idProperty?: string
  ): Promise<BatchOutcome<UpsertResult>>;
  /** Contacts upserted by `email` or `govwin_contact_id`. */
  batchUpsertContacts(
    inputs: readonly UpsertInput[],
    idProperty: 'email' | 'govwin_contact_id'
  ): Promise<BatchOutcome<UpsertResult>>;
  /** Batch create, with associations per input; results paired by input `key`. */
  batchCreate(
    type: CrmObjectType,
    inputs: readonly CreateInput[],
    options?: { pairByProperty?: string }
  ): Promise<BatchOutcome<CrmObject & { key: string }>>;
  /** Batch partial update by record id; results keyed by id. */
  batchUpdate(
    type: CrmObjectType,
    inputs: readonly UpdateInput[]
  ): Promise<BatchOutcome<CrmObject>>;
  /**
   * Batch read by record id; ids that do not exist come back as errors. `withHistory` names properties
   * whose versions (`propertiesWithHistory`) come back in `history` (50 records per request then).
   */
  batchRead(
    type: CrmObjectType,
    ids: readonly string[],
    properties: readonly string[],
    withHistory?: readonly string[]
  ): Promise<BatchOutcome<CrmObject>>;
  batchReadDeals(
    ids: readonly string[],
    properties: readonly string[]
  ): Promise<BatchOutcome<CrmObject>>;
  /** Creates associations by record id (v4 batch; existing ones are left as they are). */
  associate(
    fromType: CrmObjectType,
    toType: CrmObjectType,
    pairs: readonly AssociationPair[],
    associationTypeId: number
  ): Promise<BatchOutcome<AssociationPair>>;
  /** Ids of the records of `toType` associated with one record. */
  listAssociations(fromType: CrmObjectType, id: string, toType: CrmObjectType): Promise<string[]>;
  /** Associated ids of many records at once (v4 batch read, 100 per call); keyed by `fromId`. */
  batchReadAssociations(
    fromType: CrmObjectType,
    toType: CrmObjectType,
    ids: readonly string[]
  ): Promise<BatchOutcome<{ fromId: string; toIds: string[] }>>;
  listPropertyGroups(type: CrmObjectType): Promise<PropertyGroup[]>;
  createPropertyGroup(type: CrmObjectType, group: PropertyGroup): Promise<void>;
  updatePropertyGroup(
    type: CrmObjectType,
    name: string,
    patch: Omit<PropertyGroup, 'name'>
  ): Promise<void>;
  listProperties(type: CrmObjectType): Promise<PropertyDefinition[]>;
  createProperty(type: CrmObjectType, definition: PropertyDefinition): Promise<void>;
  updateProperty(
    type: CrmObjectType,
    name: string,
    patch: Partial<Omit<PropertyDefinition, 'name' | 'type' | 'hasUniqueValue'>>
  ): Promise<void>;
  /** Deal pipelines with their stages. */
  listPipelines(): Promise<Pipeline[]>;
  createPipeline(input: PipelineInput): Promise<Pipeline>;
  updatePipeline(id: string, patch: { label?: string; displayOrder?: number }): Promise<void>;
  createPipelineStage(pipelineId: string, stage: PipelineStageInput): Promise<PipelineStage>;
  updatePipelineStage(
    pipelineId: string,
    stageId: string,
    patch: Partial<PipelineStageInput>
  ): Promise<void>;
}

/** Dependencies of {@link makeHubSpotClient}. */
export type HubSpotClientDeps = HubSpotTransportDeps;

/**
 * Creates the HubSpot client.
 * @example const hubspot = makeHubSpotClient({ http, accessToken: () => token(), limiter });
 *          const { results, errors } = await hubspot.batchUpsertDeals([{ key: 'OPP123', properties }]);
 */
export const makeHubSpotClient = (deps: HubSpotClientDeps): HubSpotClient => {
  const transport = makeHubSpotTransport(deps);
  const objects = makeObjectsApi(transport);
  const schema = makeSchemaApi(transport);
  return {
    ...objects,
    ...schema,
    getDeal: (id, properties) => objects.getObject('deals', id, properties ? { properties } : {}),
    updateDeal: (id, properties) => objects.updateObject('deals', id, properties),
    createDeal: (properties, associations) =>
      objects.createObject('deals', properties, associations),
    searchDeals: (request) => objects.search('deals', request),
    batchUpsertDeals: (inputs, idProperty = HUBSPOT_ID_PROPERTY.deal) =>
      objects.batchUpsert('deals', idProperty, inputs),
    batchUpsertCompanies: (inputs, idProperty = HUBSPOT_ID_PROPERTY.company) =>
      objects.batchUpsert('companies', idProperty, inputs),
    batchUpsertContacts: (inputs, idProperty) =>
      objects.batchUpsert('contacts', idProperty, inputs),
    batchReadDeals: (ids, properties) => objects.batchRead('deals', ids, properties),
  };
};
