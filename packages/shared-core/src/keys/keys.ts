import { ValidationError } from '../errors/common-errors';
import {
  ACE_INVITATION_ID,
  ACE_OPPORTUNITY_ID,
  assertId,
  BUCKET_NAME,
  EVENT_ID,
  GOVWIN_ENTITY_ID,
  GOVWIN_OPP_ID,
  normaliseHubSpotId,
  SHA256_HEX,
} from './ids';

/** A DynamoDB primary key: partition key `pk` + sort key `sk`. */
export interface Key {
  readonly pk: string;
  readonly sk: string;
}

/** Every key prefix the project writes. Terraform's LeadingKeys conditions refer to these. */
export const KEY_PREFIX = {
  ace: 'ACE#',
  deal: 'DEAL#',
  opp: 'OPP#',
  invitation: 'INV#',
  webhook: 'WHK#',
  event: 'EVT#',
  govEntity: 'GOVENTITY#',
  contact: 'CONTACT#',
  rateLimit: 'RL#',
  audit: 'AUDIT#',
  syncCursor: 'SYNC_CURSOR',
} as const;

/**
 * The only place DynamoDB keys are built. Each builder validates its id first, so user-controlled text
 * never becomes part of a key unvalidated.
 */
export const keys = {
  /**
   * entity-mappings: the ACE submission row of one HubSpot deal (client tokens, completed steps, ACE id,
   * parked edits). Keyed by deal, not GovWin id: referral deals and hand-made deals have no GovWin id.
   */
  aceSubmission: (dealId: string | number): Key => ({
    pk: `DEAL#${normaliseHubSpotId(dealId, 'HubSpot deal id')}`,
    sk: 'ACE',
  }),
  /** entity-mappings: reverse index ACE opportunity id -> deal id. */
  aceOpportunity: (aceId: string): Key => ({
    pk: `ACE#${assertId(aceId, ACE_OPPORTUNITY_ID, 'ACE opportunity id')}`,
    sk: 'REVERSE',
  }),
  /** entity-mappings: reverse index engagement invitation -> deal id. */
  invitation: (invitationId: string): Key => ({
    pk: `INV#${assertId(invitationId, ACE_INVITATION_ID, 'engagement invitation id')}`,
    sk: 'REVERSE',
  }),
  /** entity-mappings: webhook / card replay reservation (300 s TTL). */
  webhook: (fingerprint: string): Key => ({
    pk: `WHK#${assertId(fingerprint, SHA256_HEX, 'replay fingerprint')}`,
    sk: 'SEEN',
  }),
  /** entity-mappings: EventBridge event de-duplication. */
  event: (eventId: string): Key => ({
    pk: `EVT#${assertId(eventId, EVENT_ID, 'EventBridge event id')}`,
    sk: 'SEEN',
  }),
  /** sync-state: per-opportunity watermark. */
  opp: (govwinId: string): Key => ({
    pk: `OPP#${assertId(govwinId, GOVWIN_OPP_ID, 'GovWin opportunity id')}`,
    sk: 'METADATA',
  }),
  /** sync-state: GovWin govEntity (agency) -> HubSpot company. */
  govEntity: (entityId: string | number): Key => ({
    pk: `GOVENTITY#${assertId(String(entityId), GOVWIN_ENTITY_ID, 'GovWin entity id')}`,
    sk: 'HUBSPOT_MAPPING',
  }),
  /** sync-state: GovWin contact -> HubSpot contact. */
  contact: (contactId: string | number): Key => ({
    pk: `CONTACT#${assertId(String(contactId), GOVWIN_ENTITY_ID, 'GovWin contact id')}`,
    sk: 'HUBSPOT_MAPPING',
  }),
  /** sync-state: the discovery cursor. */
  syncCursor: (): Key => ({ pk: 'SYNC_CURSOR', sk: 'METADATA' }),
  /** sync-state: a shared token bucket. */
  rateLimit: (bucket: string): Key => ({
    pk: `RL#${assertId(bucket, BUCKET_NAME, 'rate-limit bucket')}`,
    sk: 'BUCKET',
  }),
  /** audit: one row per external write, ordered per deal. `seq` is zero-padded so rows sort. */
  audit: (dealId: string | number, seq: number): Key => {
    if (!Number.isSafeInteger(seq) || seq < 0)
      throw new ValidationError(`audit sequence must be a non-negative integer, got ${seq}`, {
        code: 'INVALID_ID',
      });
    return {
      pk: `AUDIT#${normaliseHubSpotId(dealId, 'HubSpot deal id')}`,
      sk: `SEQ#${String(seq).padStart(12, '0')}`,
    };
  },
} as const;
