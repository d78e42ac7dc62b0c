// Wire shapes of the HubSpot CRM v3/v4 endpoints the project uses (external-apis §2.4), reduced to
// the fields we read. Every value HubSpot returns is treated as optional until validated.

/** The CRM object types the project reads and writes. */
export const CRM_OBJECT_TYPES = ['deals', 'companies', 'contacts'] as const;
export type CrmObjectType = (typeof CRM_OBJECT_TYPES)[number];

/** Property values as HubSpot sends and accepts them: strings; `null` clears a property on write. */
export type PropertyValues = Record<string, string | null>;

/** A CRM record as returned by read, create, update and upsert calls. */
export interface CrmObject {
  id: string;
  properties: Record<string, string | null>;
  /** Versions of the properties read with history, newest first (only when asked for). */
  history?: Record<string, PropertyVersion[]>;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
}

/** One version of a property value from `propertiesWithHistory`: who changed it, when, to what. */
export interface PropertyVersion {
  value: string;
  /** ISO-8601 time of the change. */
  timestamp: string;
  /** What kind of source made the change, e.g. `CRM_UI`, `INTEGRATION`, `API`, `IMPORT`. */
  sourceType: string;
  /** For `INTEGRATION`, the app id; for UI edits, the user (`userId:<id>`); may be empty. */
  sourceId: string;
}

/** One input of a batch upsert: `key` is the value of the idProperty (not the HubSpot id). */
export interface UpsertInput {
  key: string;
  properties: PropertyValues;
}

/** One upsert result, paired to its input by key (never by position in the response). */
export interface UpsertResult extends CrmObject {
  /** The idProperty value of the input this result belongs to. */
  key: string;
  /** True when HubSpot created the record, false when it updated an existing one. */
  created: boolean;
}

/** One input of a batch update: the HubSpot record id (or the idProperty value when one is given). */
export interface UpdateInput {
  id: string;
  properties: PropertyValues;
}

/** An association to create together with a new record. */
export interface NewAssociation {
  toId: string;
  associationTypeId: number;
}

/** One input of a batch create. `key` (optional) pairs results back to inputs. */
export interface CreateInput {
  key?: string;
  properties: PropertyValues;
  associations?: readonly NewAssociation[];
}

/** One failed input of a batch call, already redacted (no property values, no free text). */
export interface BatchItemError {
  /** The input key the error belongs to, when HubSpot said (objectWriteTraceId or context ids). */
  key?: string;
  /** HubSpot error category, e.g. `VALIDATION_ERROR`, `OBJECT_ALREADY_EXISTS`. */
  category: string;
  /** HTTP status of the failing request or per-item status text. */
  status: string;
  /** A redacted one-line summary safe for logs. */
  message: string;
  /** True when the same input may succeed later (throttle, 5xx). */
  retryable: boolean;
}

/** The outcome of a batch call split over several requests. */
export interface BatchOutcome<R> {
  results: R[];
  errors: BatchItemError[];
  /** Number of HTTP requests made (for budgets and benchmarks). */
  requests: number;
}

/** One association to create between two existing records. */
export interface AssociationPair {
  fromId: string;
  toId: string;
}

/** A search filter (external-apis §2.4): groups are OR'ed, filters inside a group AND'ed. */
export interface SearchFilter {
  propertyName: string;
  operator:
    | 'EQ'
    | 'NEQ'
    | 'LT'
    | 'LTE'
    | 'GT'
    | 'GTE'
    | 'BETWEEN'
    | 'IN'
    | 'NOT_IN'
    | 'HAS_PROPERTY'
    | 'NOT_HAS_PROPERTY'
    | 'CONTAINS_TOKEN'
    | 'NOT_CONTAINS_TOKEN';
  value?: string;
  values?: string[];
  highValue?: string;
}

/** Search request body. */
export interface SearchRequest {
  filterGroups?: { filters: SearchFilter[] }[];
  properties?: string[];
  sorts?: { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' }[];
  query?: string;
  limit?: number;
  after?: string;
}

/** One page of search results. */
export interface SearchPage {
  total: number;
  results: CrmObject[];
  /** Cursor for the next page, when there is one. */
  after?: string;
}

/** HubSpot property types and field types (external-apis §2.4). */
export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';
export type PropertyFieldType =
  | 'textarea'
  | 'text'
  | 'date'
  | 'file'
  | 'number'
  | 'select'
  | 'radio'
  | 'checkbox'
  | 'booleancheckbox';

/** One option of an enumeration property. */
export interface PropertyOption {
  label: string;
  value: string;
  displayOrder?: number;
  hidden?: boolean;
  description?: string;
}

/** A property definition as we create it (and as HubSpot returns it, reduced). */
export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: PropertyFieldType;
  groupName: string;
  description?: string;
  options?: PropertyOption[];
  hasUniqueValue?: boolean;
  displayOrder?: number;
}

/** A property group. */
export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder?: number;
}

/** A pipeline stage. `metadata.probability` is required for deal stages. */
export interface PipelineStage {
  id: string;
  label: string;
  displayOrder: number;
  metadata: Record<string, string>;
  archived?: boolean;
}

/** A deal pipeline. */
export interface Pipeline {
  id: string;
  label: string;
  displayOrder: number;
  stages: PipelineStage[];
  archived?: boolean;
}

/** Input for creating or replacing a pipeline's stages. */
export interface PipelineStageInput {
  label: string;
  displayOrder: number;
  metadata: Record<string, string>;
}

/** Input for creating a pipeline. */
export interface PipelineInput {
  label: string;
  displayOrder: number;
  stages: PipelineStageInput[];
}

/** HubSpot-defined association type ids we use (prior-art §5.2). */
export const ASSOCIATION_TYPE = {
  dealToCompany: 341,
  dealToContact: 3,
} as const;
