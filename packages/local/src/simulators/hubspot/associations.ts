// Associations between CRM records (v4, plus the v3 read the prior art used). Stored in both
// directions in maps keyed by record, so reads are O(associations of that record). HubSpot-defined
// type ids: deal->contact 3, contact->deal 4, deal->company 341 (5 primary), company->deal 342
// (6 primary), contact->company 279 (1 primary), company->contact 280 (2 primary).
import { notFoundError, validationError } from './errors';
import type { ObjectType } from './schema';

export interface AssociationType {
  category: 'HUBSPOT_DEFINED' | 'USER_DEFINED';
  typeId: number;
  label: string | null;
}

interface PairTypes {
  unlabeled: number;
  primary?: number;
  inverseUnlabeled: number;
  inversePrimary?: number;
}

const PAIRS: Record<string, PairTypes> = {
  'deals/contacts': { unlabeled: 3, inverseUnlabeled: 4 },
  'deals/companies': { unlabeled: 341, primary: 5, inverseUnlabeled: 342, inversePrimary: 6 },
  'contacts/companies': { unlabeled: 279, primary: 1, inverseUnlabeled: 280, inversePrimary: 2 },
};

const pairFor = (from: ObjectType, to: ObjectType): { types: PairTypes; inverse: boolean } => {
  const direct = PAIRS[`${from}/${to}`];
  if (direct) return { types: direct, inverse: false };
  const reverse = PAIRS[`${to}/${from}`];
  if (reverse) {
    return {
      types: {
        unlabeled: reverse.inverseUnlabeled,
        inverseUnlabeled: reverse.unlabeled,
        ...(reverse.inversePrimary !== undefined ? { primary: reverse.inversePrimary } : {}),
        ...(reverse.primary !== undefined ? { inversePrimary: reverse.primary } : {}),
      },
      inverse: true,
    };
  }
  throw validationError(`No association definition between ${from} and ${to}`);
};

/** The HubSpot-defined unlabeled type id for from -> to (what "default" creates). */
export const defaultTypeId = (from: ObjectType, to: ObjectType): number =>
  pairFor(from, to).types.unlabeled;

/** True when `typeId` is a HubSpot-defined type from `from` to `to`. */
export const isValidTypeId = (from: ObjectType, to: ObjectType, typeId: number): boolean => {
  try {
    const { types } = pairFor(from, to);
    return typeId === types.unlabeled || typeId === types.primary;
  } catch {
    return false;
  }
};

const label = (typeId: number, p: PairTypes) => (typeId === p.primary ? 'Primary' : null);

export const makeAssociationStore = () => {
  // `${type}:${id}` -> `${toType}:${toId}` -> type ids
  const links = new Map<string, Map<string, Set<number>>>();
  const key = (type: ObjectType, id: string) => `${type}:${id}`;
  const add = (fromKey: string, toKey: string, typeId: number) => {
    let m = links.get(fromKey);
    if (!m) {
      m = new Map();
      links.set(fromKey, m);
    }
    let s = m.get(toKey);
    if (!s) {
      s = new Set();
      m.set(toKey, s);
    }
    s.add(typeId);
  };

  /** Creates from -> to with the given HubSpot-defined type ids (and the inverse direction). */
  const associate = (
    from: ObjectType,
    fromId: string,
    to: ObjectType,
    toId: string,
    typeIds: readonly number[]
  ) => {
    const { types } = pairFor(from, to);
    for (const typeId of typeIds) {
      const inverseId =
        typeId === types.unlabeled
          ? types.inverseUnlabeled
          : typeId === types.primary
            ? types.inversePrimary
            : undefined;
      if (inverseId === undefined) {
        throw validationError(`associationTypeId ${typeId} is not valid from ${from} to ${to}`);
      }
      add(key(from, fromId), key(to, toId), typeId);
      add(key(to, toId), key(from, fromId), inverseId);
      if (typeId === types.primary) {
        // A primary association also carries the unlabeled one, as in HubSpot.
        add(key(from, fromId), key(to, toId), types.unlabeled);
        add(key(to, toId), key(from, fromId), types.inverseUnlabeled);
      }
    }
  };

  const list = (from: ObjectType, fromId: string, to: ObjectType) => {
    const { types } = pairFor(from, to);
    const out: Array<{ toObjectId: string; associationTypes: AssociationType[] }> = [];
    for (const [toKey, typeIds] of links.get(key(from, fromId)) ?? []) {
      const [toType, toId] = toKey.split(':') as [string, string];
      if (toType !== to) continue;
      out.push({
        toObjectId: toId,
        associationTypes: [...typeIds].map((typeId) => ({
          category: 'HUBSPOT_DEFINED',
          typeId,
          label: label(typeId, types),
        })),
      });
    }
    return out;
  };

  const remove = (from: ObjectType, fromId: string, to: ObjectType, toId: string) => {
    const had = links.get(key(from, fromId))?.delete(key(to, toId)) ?? false;
    links.get(key(to, toId))?.delete(key(from, fromId));
    if (!had) throw notFoundError(`No association from ${from} ${fromId} to ${to} ${toId}`);
  };

  return {
    associate,
    list,
    remove,
    /** Number of association links (each direction counted once). */
    size: () => {
      let n = 0;
      for (const m of links.values()) n += m.size;
      return n;
    },
    clear: () => links.clear(),
  };
};

export type AssociationStore = ReturnType<typeof makeAssociationStore>;
