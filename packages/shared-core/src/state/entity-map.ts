import { ValidationError } from '../errors/common-errors';
import { normaliseHubSpotId } from '../keys/ids';
import { type Key, keys } from '../keys/keys';
import {
  batchGetAll,
  batchPutAll,
  describeValue,
  type Item,
  isoOf,
  resolveDeps,
  type StateRepoDeps,
} from './dynamo-support';

/** GovWin id -> HubSpot id mappings for agencies (govEntity -> company) and contacts (sync-state table). */
export interface EntityMapRepo {
  /** HubSpot company ids of the given GovWin govEntity ids; unmapped ids are absent from the result. */
  getCompanies(entityIds: readonly (string | number)[]): Promise<Record<string, string>>;
  /** Records GovWin govEntity id -> HubSpot company id. */
  putCompanies(mapping: Readonly<Record<string, string | number>>): Promise<void>;
  /** HubSpot contact ids of the given GovWin contact ids; unmapped ids are absent from the result. */
  getContacts(contactIds: readonly (string | number)[]): Promise<Record<string, string>>;
  /** Records GovWin contact id -> HubSpot contact id. */
  putContacts(mapping: Readonly<Record<string, string | number>>): Promise<void>;
}

type Kind = 'company' | 'contact';

const keyOf = (kind: Kind, id: string | number): Key =>
  kind === 'company' ? keys.govEntity(id) : keys.contact(id);

/**
 * Mapping rows `GOVENTITY#<id>` and `CONTACT#<id>` / `HUBSPOT_MAPPING`. Each row holds only the mapping
 * (`govwinId`, `hubspotId`, `updatedAt`) and this repository is its only writer, so the BatchWrite put is a
 * complete-row write that cannot erase anyone else's attributes. No TTL: an expired mapping would only cost
 * a needless re-lookup (the prior art's 180-day TTL).
 * @example const map = makeEntityMapRepo({ doc, tableName: syncStateTable });
 *          await map.putCompanies({ '4512': '1001' }); (await map.getCompanies([4512]))['4512'] // '1001'
 */
export const makeEntityMapRepo = (deps: StateRepoDeps): EntityMapRepo => {
  const d = resolveDeps(deps, 'entity map repository');

  const getMany = async (
    kind: Kind,
    ids: readonly (string | number)[]
  ): Promise<Record<string, string>> => {
    if (!Array.isArray(ids))
      throw new ValidationError(`GovWin ${kind} ids must be an array, got ${describeValue(ids)}`);
    const keyByPk = new Map<string, Key>();
    for (const id of ids) {
      const key = keyOf(kind, id);
      keyByPk.set(key.pk, key);
    }
    const items = await batchGetAll(d, [...keyByPk.values()]);
    const out: Record<string, string> = {};
    for (const item of items) {
      if (typeof item.govwinId === 'string' && typeof item.hubspotId === 'string')
        out[item.govwinId] = item.hubspotId;
    }
    return out;
  };

  const putMany = async (
    kind: Kind,
    mapping: Readonly<Record<string, string | number>>
  ): Promise<void> => {
    if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping))
      throw new ValidationError(
        `GovWin ${kind} mapping must be an object of id -> HubSpot id, got ${describeValue(mapping)}`
      );
    const updatedAt = isoOf(d.now());
    const items: Item[] = Object.entries(mapping).map(([govwinId, hubspotId]) => {
      const key = keyOf(kind, govwinId);
      return {
        ...key,
        govwinId,
        hubspotId: normaliseHubSpotId(hubspotId, `HubSpot ${kind} id`),
        updatedAt,
      };
    });
    await batchPutAll(d, items);
  };

  return {
    getCompanies: (ids) => getMany('company', ids),
    putCompanies: (mapping) => putMany('company', mapping),
    getContacts: (ids) => getMany('contact', ids),
    putContacts: (mapping) => putMany('contact', mapping),
  };
};
