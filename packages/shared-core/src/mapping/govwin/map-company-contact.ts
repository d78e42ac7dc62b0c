import { COMPANY_FIELDS, CONTACT_FIELDS, type SimpleFieldRule } from './company-contact-fields';
import {
  type FieldReader,
  isRawRecord,
  type MappingIssue,
  makeFieldReader,
  type RawRecord,
} from './field-reader';
import { type HubSpotProperties, type MapOutcome, uniqueIssues } from './map-deal';

/** A mapped agency, keyed by its GovWin govEntity id. */
export interface MappedCompany {
  govEntityId: string;
  properties: HubSpotProperties;
  warnings: MappingIssue[];
}

/** A mapped contact and the key it is upserted by. */
export interface MappedContact {
  /** GovWin contact id, when valid (also the idProperty value when there is no e-mail). */
  govwinContactId?: string;
  /** Upsert by `email` when present (HubSpot contacts are unique by e-mail), else by `govwin_contact_id`. */
  idProperty: 'email' | 'govwin_contact_id';
  /** The value of `idProperty`. */
  key: string;
  properties: HubSpotProperties;
  warnings: MappingIssue[];
}

const EMAIL_IN_TEXT = /[^\s,;<>()"]+@[^\s,;<>()"]+\.[A-Za-z]{2,}/;

/**
 * Task orders (TOONs) return one free-form `primaryContact` blob instead of structured fields
 * (external-apis §3.7), typically "First Last, Title, e-mail". When the structured fields are absent,
 * the blob is split into name, job title and e-mail so the contact can still be keyed by e-mail.
 */
export const expandPrimaryContact = (contact: RawRecord): RawRecord => {
  const blob = contact.primaryContact;
  if (typeof blob !== 'string' || contact.email !== undefined || contact.lastName !== undefined) {
    return contact;
  }
  const email = EMAIL_IN_TEXT.exec(blob)?.[0];
  const parts = (email ? blob.replace(email, '') : blob)
    .split(/[,;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const names = (parts[0] ?? '').split(/\s+/).filter(Boolean);
  return {
    ...contact,
    ...(email ? { email } : {}),
    ...(names.length > 1
      ? { firstName: names.slice(0, -1).join(' '), lastName: names.at(-1) }
      : {}),
    ...(names.length === 1 ? { lastName: names[0] } : {}),
    ...(parts.length > 1 ? { title: parts.slice(1).join(', ') } : {}),
  };
};

const applyRows = (rows: readonly SimpleFieldRule[], r: FieldReader): HubSpotProperties => {
  const properties: HubSpotProperties = {};
  for (const row of rows) {
    const value = row.map(r);
    if (value !== undefined && value !== '') properties[row.property] = value;
  }
  return properties;
};

/**
 * Maps an opportunity's `govEntity` to company properties. Rejected when there is no usable id
 * (the deal is still synced, without a company association).
 */
export const mapGovEntityToCompany = (govEntity: unknown): MapOutcome<MappedCompany> => {
  const issues: MappingIssue[] = [];
  if (!isRawRecord(govEntity))
    return { ok: false, reason: 'govEntity is not an object', warnings: [] };
  const r = makeFieldReader(govEntity, issues, 'govEntity');
  const id = r.digits('id');
  if (id === undefined) {
    return {
      ok: false,
      reason: 'govEntity.id is missing or not numeric',
      warnings: uniqueIssues(issues),
    };
  }
  return {
    ok: true,
    value: {
      govEntityId: id,
      properties: applyRows(COMPANY_FIELDS, r),
      warnings: uniqueIssues(issues),
    },
  };
};

/**
 * Maps one GovWin contact. Rejected when it has neither a valid e-mail nor a numeric contact id,
 * since it could not be upserted idempotently.
 */
export const mapGovWinContact = (contact: unknown): MapOutcome<MappedContact> => {
  const issues: MappingIssue[] = [];
  if (!isRawRecord(contact)) return { ok: false, reason: 'contact is not an object', warnings: [] };
  const r = makeFieldReader(expandPrimaryContact(contact), issues, 'contact');
  const properties = applyRows(CONTACT_FIELDS, r);
  const govwinContactId = properties.govwin_contact_id;
  const email = properties.email;
  const base = { ...(govwinContactId !== undefined ? { govwinContactId } : {}), properties };
  if (email !== undefined) {
    return {
      ok: true,
      value: { ...base, idProperty: 'email', key: email, warnings: uniqueIssues(issues) },
    };
  }
  if (govwinContactId !== undefined) {
    return {
      ok: true,
      value: {
        ...base,
        idProperty: 'govwin_contact_id',
        key: govwinContactId,
        warnings: uniqueIssues(issues),
      },
    };
  }
  return {
    ok: false,
    reason: 'contact has neither a valid e-mail nor a numeric contactId',
    warnings: uniqueIssues(issues),
  };
};
