// Property schema of the HubSpot simulator: HubSpot's built-in properties for deals, companies
// and contacts, custom properties and groups (external-apis.md §2.4 "Custom properties and
// groups"), and value validation/normalisation on write. Values are stored as strings, as HubSpot
// does; null means unset.
import { HubSpotRequestError, validationError } from './errors';

export const OBJECT_TYPES = ['deals', 'companies', 'contacts'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

const TYPE_ALIASES: Record<string, ObjectType> = {
  deals: 'deals',
  deal: 'deals',
  '0-3': 'deals',
  companies: 'companies',
  company: 'companies',
  '0-2': 'companies',
  contacts: 'contacts',
  contact: 'contacts',
  '0-1': 'contacts',
};
export const OBJECT_TYPE_IDS: Record<ObjectType, string> = {
  contacts: '0-1',
  companies: '0-2',
  deals: '0-3',
};
export const SINGULAR: Record<ObjectType, string> = {
  deals: 'deal',
  companies: 'company',
  contacts: 'contact',
};

/** Resolves `deals`, `0-3`, … to an object type, or throws a 400 for anything else. */
export const resolveObjectType = (raw: string): ObjectType => {
  const type = TYPE_ALIASES[raw.toLowerCase()];
  if (!type) throw validationError(`Unable to infer object type from: ${raw}`);
  return type;
};

export const PROPERTY_TYPES = [
  'string',
  'number',
  'date',
  'datetime',
  'enumeration',
  'bool',
] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];
const FIELD_TYPES: Record<PropertyType, readonly string[]> = {
  string: ['text', 'textarea', 'file', 'html', 'phonenumber'],
  number: ['number', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox'],
  bool: ['booleancheckbox'],
};

export interface PropertyOption {
  label: string;
  value: string;
  hidden: boolean;
  displayOrder: number;
  description?: string;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  calculated: boolean;
  externalOptions: boolean;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  /** Built-in HubSpot property (cannot be archived; some are read-only). */
  hubspotDefined: boolean;
  readOnlyValue: boolean;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

export const MAX_UNIQUE_PROPERTIES = 10;
const PROPERTY_NAME = /^[a-z][a-z0-9_]*$/;

const opts = (...values: string[]): PropertyOption[] =>
  values.map((value, i) => ({ label: value, value, hidden: false, displayOrder: i }));

type BuiltIn = [
  name: string,
  type: PropertyType,
  fieldType: string,
  extra?: Partial<PropertyDefinition>,
];

const COMMON: BuiltIn[] = [
  ['hs_object_id', 'number', 'number', { readOnlyValue: true }],
  ['createdate', 'datetime', 'date'],
  ['hs_lastmodifieddate', 'datetime', 'date', { readOnlyValue: true }],
  ['hubspot_owner_id', 'enumeration', 'select', { externalOptions: true }],
];

const BUILT_INS: Record<ObjectType, { group: string; props: BuiltIn[] }> = {
  deals: {
    group: 'dealinformation',
    props: [
      ['dealname', 'string', 'text'],
      ['amount', 'number', 'number'],
      // dealstage / pipeline options come from the pipelines; validated by the object store.
      ['dealstage', 'enumeration', 'radio', { externalOptions: true }],
      ['pipeline', 'enumeration', 'select', { externalOptions: true }],
      ['closedate', 'datetime', 'date'],
      ['dealtype', 'enumeration', 'radio', { options: opts('newbusiness', 'existingbusiness') }],
      ['description', 'string', 'textarea'],
    ],
  },
  companies: {
    group: 'companyinformation',
    props: [
      ['name', 'string', 'text'],
      ['domain', 'string', 'text'],
      ['website', 'string', 'text'],
      // HubSpot's industry is a long enumeration; kept as free text so no valid value is refused.
      ['industry', 'string', 'text'],
      ['phone', 'string', 'phonenumber'],
      ['address', 'string', 'text'],
      ['city', 'string', 'text'],
      ['state', 'string', 'text'],
      ['zip', 'string', 'text'],
      ['country', 'string', 'text'],
      ['description', 'string', 'textarea'],
    ],
  },
  contacts: {
    group: 'contactinformation',
    props: [
      ['email', 'string', 'text'],
      ['firstname', 'string', 'text'],
      ['lastname', 'string', 'text'],
      ['phone', 'string', 'phonenumber'],
      ['jobtitle', 'string', 'text'],
      ['company', 'string', 'text'],
      ['address', 'string', 'text'],
      ['city', 'string', 'text'],
      ['state', 'string', 'text'],
      ['zip', 'string', 'text'],
      ['country', 'string', 'text'],
      ['lastmodifieddate', 'datetime', 'date', { readOnlyValue: true }],
      [
        'lifecyclestage',
        'enumeration',
        'radio',
        {
          options: opts(
            'subscriber',
            'lead',
            'marketingqualifiedlead',
            'salesqualifiedlead',
            'opportunity',
            'customer',
            'evangelist',
            'other'
          ),
        },
      ],
      [
        'hs_lead_status',
        'enumeration',
        'radio',
        {
          options: opts(
            'NEW',
            'OPEN',
            'IN_PROGRESS',
            'OPEN_DEAL',
            'UNQUALIFIED',
            'ATTEMPTED_TO_CONTACT',
            'CONNECTED',
            'BAD_TIMING'
          ),
        },
      ],
    ],
  },
};

/** Properties returned by reads that do not name any. */
export const DEFAULT_READ_PROPERTIES: Record<ObjectType, readonly string[]> = {
  deals: [
    'dealname',
    'amount',
    'closedate',
    'pipeline',
    'dealstage',
    'createdate',
    'hs_lastmodifieddate',
    'hs_object_id',
  ],
  companies: ['name', 'domain', 'createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  contacts: ['firstname', 'lastname', 'email', 'createdate', 'lastmodifieddate', 'hs_object_id'],
};

export interface ObjectSchema {
  properties: Map<string, PropertyDefinition>;
  groups: Map<string, PropertyGroup>;
}

export const makeBuiltInSchema = (now: string): Record<ObjectType, ObjectSchema> => {
  const out = {} as Record<ObjectType, ObjectSchema>;
  for (const type of OBJECT_TYPES) {
    const { group, props } = BUILT_INS[type];
    const properties = new Map<string, PropertyDefinition>();
    for (const [name, ptype, fieldType, extra] of [...props, ...COMMON]) {
      properties.set(name, {
        name,
        label: name,
        type: ptype,
        fieldType,
        groupName: group,
        description: '',
        options: [],
        displayOrder: -1,
        hasUniqueValue: false,
        hidden: false,
        formField: false,
        calculated: false,
        externalOptions: false,
        createdAt: now,
        updatedAt: now,
        archived: false,
        hubspotDefined: true,
        readOnlyValue: false,
        ...extra,
      });
    }
    const groups = new Map<string, PropertyGroup>([
      [group, { name: group, label: group, displayOrder: -1, archived: false }],
    ]);
    out[type] = { properties, groups };
  }
  return out;
};

/** The public JSON shape of a property. */
export const propertyWire = (p: PropertyDefinition) => ({
  name: p.name,
  label: p.label,
  type: p.type,
  fieldType: p.fieldType,
  description: p.description,
  groupName: p.groupName,
  options: p.options,
  displayOrder: p.displayOrder,
  calculated: p.calculated,
  externalOptions: p.externalOptions,
  hasUniqueValue: p.hasUniqueValue,
  hidden: p.hidden,
  formField: p.formField,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  archived: p.archived,
  modificationMetadata: {
    archivable: !p.hubspotDefined,
    readOnlyDefinition: p.hubspotDefined,
    readOnlyValue: p.readOnlyValue,
  },
});

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const readOptions = (raw: unknown): PropertyOption[] => {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw validationError('options must be an array');
  return raw.map((o, i) => {
    if (!isRecord(o) || typeof o.label !== 'string' || typeof o.value !== 'string') {
      throw validationError(`options[${i}] needs a string label and value`);
    }
    return {
      label: o.label,
      value: o.value,
      hidden: o.hidden === true,
      displayOrder: typeof o.displayOrder === 'number' ? o.displayOrder : i,
      ...(typeof o.description === 'string' ? { description: o.description } : {}),
    };
  });
};

/** Validates a `PropertyCreate` body against the schema; returns the new definition. */
export const parsePropertyCreate = (
  body: unknown,
  schema: ObjectSchema,
  now: string
): PropertyDefinition => {
  if (!isRecord(body)) throw validationError('Invalid input JSON: expected an object');
  const { name, label, type, fieldType, groupName } = body;
  if (typeof name !== 'string' || !PROPERTY_NAME.test(name)) {
    throw validationError('Property name must be lower-case letters, digits and underscores');
  }
  if (typeof label !== 'string' || label === '') throw validationError('label is required');
  if (typeof type !== 'string' || !(PROPERTY_TYPES as readonly string[]).includes(type)) {
    throw validationError(`type must be one of ${PROPERTY_TYPES.join(', ')}`);
  }
  if (typeof fieldType !== 'string' || !FIELD_TYPES[type as PropertyType].includes(fieldType)) {
    throw validationError(`fieldType ${String(fieldType)} is not valid for type ${type}`);
  }
  if (typeof groupName !== 'string' || !schema.groups.has(groupName)) {
    throw validationError(`Property group ${String(groupName)} does not exist`);
  }
  const existing = schema.properties.get(name);
  if (existing && !existing.archived) {
    throw new HubSpotRequestError(
      409,
      'OBJECT_ALREADY_EXISTS',
      `Property named '${name}' already exists.`
    );
  }
  const hasUniqueValue = body.hasUniqueValue === true;
  if (hasUniqueValue) {
    const unique = [...schema.properties.values()].filter(
      (p) => p.hasUniqueValue && !p.archived
    ).length;
    if (unique >= MAX_UNIQUE_PROPERTIES) {
      throw validationError(`At most ${MAX_UNIQUE_PROPERTIES} unique-value properties per object`);
    }
  }
  const options = readOptions(body.options);
  if (type === 'enumeration' && options.length === 0 && body.externalOptions !== true) {
    throw validationError('An enumeration property needs options');
  }
  return {
    name,
    label,
    type: type as PropertyType,
    fieldType,
    groupName,
    description: typeof body.description === 'string' ? body.description : '',
    options,
    displayOrder: typeof body.displayOrder === 'number' ? body.displayOrder : -1,
    hasUniqueValue,
    hidden: body.hidden === true,
    formField: body.formField === true,
    calculated: false,
    externalOptions: body.externalOptions === true,
    createdAt: now,
    updatedAt: now,
    archived: false,
    hubspotDefined: false,
    readOnlyValue: false,
  };
};

/** Applies a `PropertyUpdate` body (label, description, groupName, fieldType, options, …). */
export const applyPropertyUpdate = (
  p: PropertyDefinition,
  body: unknown,
  schema: ObjectSchema,
  now: string
) => {
  if (!isRecord(body)) throw validationError('Invalid input JSON: expected an object');
  if ('name' in body || 'hasUniqueValue' in body) {
    throw validationError('name and hasUniqueValue cannot be changed');
  }
  if (p.hubspotDefined)
    throw validationError(`${p.name} is a HubSpot-defined property and is read-only`);
  if (
    body.groupName !== undefined &&
    (typeof body.groupName !== 'string' || !schema.groups.has(body.groupName))
  ) {
    throw validationError(`Property group ${String(body.groupName)} does not exist`);
  }
  const type = typeof body.type === 'string' ? body.type : p.type;
  if (!(PROPERTY_TYPES as readonly string[]).includes(type)) throw validationError('invalid type');
  const fieldType = typeof body.fieldType === 'string' ? body.fieldType : p.fieldType;
  if (!FIELD_TYPES[type as PropertyType].includes(fieldType)) {
    throw validationError(`fieldType ${fieldType} is not valid for type ${type}`);
  }
  Object.assign(p, {
    type,
    fieldType,
    ...(typeof body.label === 'string' ? { label: body.label } : {}),
    ...(typeof body.description === 'string' ? { description: body.description } : {}),
    ...(typeof body.groupName === 'string' ? { groupName: body.groupName } : {}),
    ...(typeof body.displayOrder === 'number' ? { displayOrder: body.displayOrder } : {}),
    ...(typeof body.hidden === 'boolean' ? { hidden: body.hidden } : {}),
    ...(body.options !== undefined ? { options: readOptions(body.options) } : {}),
    updatedAt: now,
  });
};

const DAY = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const toEpoch = (v: string): number => {
  if (/^-?\d+$/.test(v)) return Number(v);
  return Date.parse(v);
};

/**
 * Validates one written value and returns the stored string (null clears). Throws an error
 * detail message on an invalid value.
 */
export const normaliseValue = (p: PropertyDefinition, raw: unknown): string | null => {
  if (raw === null || raw === '') return null;
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
    throw new TypeError(`${p.name}: value must be a string, number or boolean`);
  }
  const v = String(raw).trim();
  switch (p.type) {
    case 'number':
      if (!Number.isFinite(Number(v)))
        throw new TypeError(`${v} is not a valid number for ${p.name}`);
      return v;
    case 'bool':
      if (v !== 'true' && v !== 'false') throw new TypeError(`${p.name} must be true or false`);
      return v;
    case 'date': {
      const t = DATE_ONLY.test(v) ? Date.parse(`${v}T00:00:00Z`) : toEpoch(v);
      if (!Number.isFinite(t)) throw new TypeError(`${v} is not a valid date for ${p.name}`);
      if (t % DAY !== 0) throw new TypeError(`${p.name}: date values must be at midnight UTC`);
      return new Date(t).toISOString().slice(0, 10);
    }
    case 'datetime': {
      const t = DATE_ONLY.test(v) ? Date.parse(`${v}T00:00:00Z`) : toEpoch(v);
      if (!Number.isFinite(t)) throw new TypeError(`${v} is not a valid datetime for ${p.name}`);
      return new Date(t).toISOString();
    }
    case 'enumeration': {
      if (p.externalOptions) return v;
      const allowed = new Set(p.options.map((o) => o.value));
      const values = p.fieldType === 'checkbox' ? v.split(';') : [v];
      for (const one of values) {
        if (!allowed.has(one))
          throw new TypeError(`${one} was not one of the allowed options for ${p.name}`);
      }
      return v;
    }
    default:
      if (v.length > 65_536) throw new TypeError(`${p.name}: value longer than 65536 characters`);
      return String(raw);
  }
};

/** The value as a webhook `propertyValue` (epoch ms for dates, '' when cleared). */
export const eventValue = (p: PropertyDefinition | undefined, stored: string | null): string => {
  if (stored === null) return '';
  if (p?.type === 'date' || p?.type === 'datetime')
    return String(Date.parse(p.type === 'date' ? `${stored}T00:00:00Z` : stored));
  return stored;
};
