import * as sdk from '@aws-sdk/client-partnercentral-selling';
import { describe, expect, it } from '@jest/globals';
import { CARD_PROPERTIES } from '../../../../hubspot-app/src/app/cards/lib/deal-props';
import {
  ROUTING_TABLE,
  SUBSCRIBED_PROPERTIES,
} from '../../../../hubspot-webhook-receiver/src/routing-table';
import { AWS_PRODUCTS as READS_AWS_PRODUCTS } from '../../../../ui-ext-reads/src/aws-products';
import { SubmitPropertiesSchema } from '../../../../ui-ext-writes/src/schemas';
import {
  ACE_DEAL_PROPERTIES,
  ACE_ENUM_PROPERTIES,
  ACE_PROPERTY_GROUP,
  ACE_STANDARD_DEAL_PROPERTIES,
} from '../../../src/ace/ace-hubspot-properties';
import { AWS_PRODUCTS, OTHER_AWS_PRODUCT } from '../../../src/ace/aws-products';
import { DEAL_PROP } from '../../../src/ace/deal-properties';
import { ACE_ENUM, type AceEnumName } from '../../../src/ace/enums';
import { FIELD_RULES } from '../../../src/ace/field-rules';
import type { PropertyDefinition } from '../../../src/hubspot/types';
import {
  GOVWIN_DEAL_PROPERTIES,
  HUBSPOT_STANDARD_PROPERTIES,
} from '../../../src/mapping/govwin/hubspot-properties';
import { govwinHubSpotSchema } from '../../../src/mapping/govwin/hubspot-schema';

const schema = govwinHubSpotSchema('GovWin Pipeline');
const dealDefs: readonly PropertyDefinition[] = schema.properties.deals ?? [];
const defined = new Map(dealDefs.map((p) => [p.name, p]));
const standard = new Set<string>([
  ...ACE_STANDARD_DEAL_PROPERTIES,
  ...HUBSPOT_STANDARD_PROPERTIES.deals,
]);
const aceDef = (name: string): PropertyDefinition => {
  const def = ACE_DEAL_PROPERTIES.find((p) => p.name === name);
  if (!def) throw new Error(`no ACE definition for ${name}`);
  return def;
};
const optionValues = (def: PropertyDefinition) => (def.options ?? []).map((o) => o.value);

/** The specification: which DEAL_PROP is an enumeration over which SDK enum, and whether a list. */
const EXPECTED_ENUMS: readonly [string, AceEnumName, 'checkbox' | 'select'][] = [
  [DEAL_PROP.partnerNeed, 'PrimaryNeedFromAws', 'checkbox'],
  [DEAL_PROP.deliveryModel, 'DeliveryModel', 'checkbox'],
  [DEAL_PROP.salesActivities, 'SalesActivity', 'checkbox'],
  [DEAL_PROP.marketingChannel, 'Channel', 'checkbox'],
  [DEAL_PROP.opportunityType, 'OpportunityType', 'select'],
  [DEAL_PROP.marketingSource, 'MarketingSource', 'select'],
  [DEAL_PROP.marketingDevFunded, 'AwsFundingUsed', 'select'],
  [DEAL_PROP.competitorName, 'CompetitorName', 'select'],
  [DEAL_PROP.lifecycleStage, 'Stage', 'select'],
  [DEAL_PROP.closedLostReason, 'ClosedLostReason', 'select'],
  [DEAL_PROP.nationalSecurity, 'NationalSecurity', 'select'],
];

/** Written only by the integration (values from AWS). */
const INTEGRATION_OWNED = [
  DEAL_PROP.cosellId,
  DEAL_PROP.cosellStatus,
  DEAL_PROP.cosellProducts,
  DEAL_PROP.statusNote,
  DEAL_PROP.invitationId,
  DEAL_PROP.invitationStatus,
  DEAL_PROP.invitationExpiresAt,
  DEAL_PROP.invitationSender,
  DEAL_PROP.invitationEngagementId,
  DEAL_PROP.invitationCustomer,
  DEAL_PROP.invitationIndustry,
  DEAL_PROP.invitationCountry,
  DEAL_PROP.invitationWebsite,
];

describe('ACE HubSpot deal properties', () => {
  describe('coverage of DEAL_PROP', () => {
    const names = Object.values(DEAL_PROP);

    it.each(names)('%s is a HubSpot standard property or defined exactly once', (name) => {
      // Act
      const definitions = [...GOVWIN_DEAL_PROPERTIES, ...ACE_DEAL_PROPERTIES].filter(
        (p) => p.name === name
      );
      // Assert
      if (standard.has(name)) expect(definitions).toHaveLength(0);
      else expect(definitions).toHaveLength(1);
    });

    it('calls standard only HubSpot-defined names (never a govwin_ custom one)', () => {
      // Assert
      expect(ACE_STANDARD_DEAL_PROPERTIES.filter((n) => n.startsWith('govwin_'))).toEqual([]);
      expect([...ACE_STANDARD_DEAL_PROPERTIES].sort()).toEqual(
        [
          'amount',
          'closedate',
          'dealname',
          'dealstage',
          'description',
          'hubspot_owner_id',
          'pipeline',
        ].sort()
      );
    });

    it('defines only DEAL_PROP names that the GovWin properties do not already define', () => {
      // Arrange
      const dealProps = new Set<string>(names);
      const govwin = new Set(GOVWIN_DEAL_PROPERTIES.map((p) => p.name));
      // Assert
      expect(ACE_DEAL_PROPERTIES.filter((p) => !dealProps.has(p.name)).map((p) => p.name)).toEqual(
        []
      );
      expect(ACE_DEAL_PROPERTIES.filter((p) => govwin.has(p.name)).map((p) => p.name)).toEqual([]);
    });

    it('covers every deal property an ACE field rule reads', () => {
      // Arrange
      const read = [...new Set(FIELD_RULES.flatMap((r) => r.reads))];
      // Assert
      expect(read.filter((n) => !standard.has(n) && !defined.has(n))).toEqual([]);
    });
  });

  describe('the full setup-hubspot schema', () => {
    it('holds every deal property once, with unique labels (HubSpot refuses duplicates)', () => {
      // Arrange
      const names = dealDefs.map((p) => p.name);
      const labels = dealDefs.map((p) => p.label.toLowerCase());
      // Assert
      expect(new Set(names).size).toBe(names.length);
      expect(new Set(labels).size).toBe(labels.length);
    });

    it('puts the ACE properties in the ACE group, which it creates on deals', () => {
      // Assert
      expect(schema.groups.deals).toContainEqual(ACE_PROPERTY_GROUP);
      expect(ACE_DEAL_PROPERTIES.filter((p) => p.groupName !== ACE_PROPERTY_GROUP.name)).toEqual(
        []
      );
      for (const p of ACE_DEAL_PROPERTIES) expect(defined.get(p.name)).toBe(p);
    });

    it('uses only valid names and type / fieldType pairs', () => {
      // Arrange
      const valid: Record<string, readonly string[]> = {
        string: ['text', 'textarea'],
        enumeration: ['select', 'checkbox'],
        datetime: ['date'],
        date: ['date'],
        number: ['number'],
      };
      // Assert
      for (const p of ACE_DEAL_PROPERTIES) {
        expect(p.name).toMatch(/^govwin_(ace|aws)_[a-z0-9_]+$/);
        expect(valid[p.type] ?? []).toContain(p.fieldType);
        expect(p.description?.length ?? 0).toBeGreaterThan(10);
      }
    });

    it.each(['deals', 'companies', 'contacts'] as const)(
      'stays within HubSpot limit of 10 unique-value properties on %s',
      (type) => {
        // Act
        const unique = (schema.properties[type] ?? []).filter((p) => p.hasUniqueValue);
        // Assert
        expect(unique.length).toBeLessThanOrEqual(10);
      }
    );

    it('makes the invitation id unique (the submitter finds referral deals by it) and nothing else new', () => {
      // Act
      const unique = dealDefs.filter((p) => p.hasUniqueValue).map((p) => p.name);
      // Assert
      expect(unique.sort()).toEqual([DEAL_PROP.govwinOppId, DEAL_PROP.invitationId].sort());
    });
  });

  describe('enumerations', () => {
    it.each(EXPECTED_ENUMS)(
      '%s takes its options from the SDK enum %s, as %s',
      (name, enumName, fieldType) => {
        // Arrange
        const def = aceDef(name);
        const sdkValues = Object.values(
          (sdk as unknown as Record<string, Record<string, string>>)[enumName] ?? {}
        );
        // Assert
        expect(def.type).toBe('enumeration');
        expect(def.fieldType).toBe(fieldType);
        expect(optionValues(def)).toEqual([...ACE_ENUM[enumName]]);
        expect([...optionValues(def)].sort()).toEqual([...sdkValues].sort());
        expect(sdkValues.length).toBeGreaterThan(1);
      }
    );

    it('has no other SDK-enum property than the specified ones', () => {
      // Arrange
      const enums = ACE_DEAL_PROPERTIES.filter(
        (p) => p.type === 'enumeration' && p.name !== DEAL_PROP.awsProducts
      ).map((p) => p.name);
      // Assert
      expect(enums.sort()).toEqual(EXPECTED_ENUMS.map(([n]) => n).sort());
      expect(Object.keys(ACE_ENUM_PROPERTIES).sort()).toEqual(
        EXPECTED_ENUMS.map(([n]) => n).sort()
      );
    });

    it('never uses ";" inside an option value (HubSpot joins multi-select values with it)', () => {
      // Assert
      for (const p of ACE_DEAL_PROPERTIES)
        expect(optionValues(p).filter((v) => v.includes(';'))).toEqual([]);
    });

    it('orders options 0..n-1 without duplicates', () => {
      // Assert
      for (const p of ACE_DEAL_PROPERTIES.filter((d) => d.options)) {
        const values = optionValues(p);
        expect(new Set(values).size).toBe(values.length);
        expect((p.options ?? []).map((o) => o.displayOrder)).toEqual(values.map((_, i) => i));
      }
    });
  });

  describe('AWS products', () => {
    const def = aceDef(DEAL_PROP.awsProducts);

    it('is a multi-select over exactly the product catalogue the card picker serves', () => {
      // Assert
      expect(def.type).toBe('enumeration');
      expect(def.fieldType).toBe('checkbox');
      expect(optionValues(def)).toEqual(AWS_PRODUCTS.map((p) => p.id));
      expect(optionValues(def)).toEqual(READS_AWS_PRODUCTS.map((p) => p.id));
      expect(optionValues(def)).toContain(OTHER_AWS_PRODUCT);
    });

    it('offers only ids the card writes route accepts', () => {
      // Act
      const result = SubmitPropertiesSchema.safeParse({
        [DEAL_PROP.awsProducts]: optionValues(def).slice(0, 20),
      });
      const rest = SubmitPropertiesSchema.safeParse({
        [DEAL_PROP.awsProducts]: optionValues(def).slice(20, 40),
      });
      // Assert
      expect(result.success).toBe(true);
      expect(rest.success).toBe(true);
    });
  });

  describe('properties the integration maintains', () => {
    it.each(INTEGRATION_OWNED)(
      '%s is plain text or a datetime and says it is not for hand edits',
      (name) => {
        // Arrange
        const def = aceDef(name);
        // Assert
        expect(['string', 'datetime']).toContain(def.type);
        expect(def.description).toMatch(/do not edit/);
      }
    );

    it('stores the invitation expiry as a datetime (the submitter writes epoch ms)', () => {
      // Assert
      expect(aceDef(DEAL_PROP.invitationExpiresAt).type).toBe('datetime');
    });
  });

  describe('names other packages use', () => {
    it.each(Object.keys(ROUTING_TABLE))('the receiver routes %s, which exists', (name) => {
      // Assert
      expect(standard.has(name) || defined.has(name)).toBe(true);
    });

    it('every property the webhook manifest subscribes exists', () => {
      // Assert
      expect(SUBSCRIBED_PROPERTIES.filter((n) => !standard.has(n) && !defined.has(n))).toEqual([]);
    });

    it('every property the card reads exists', () => {
      // Assert
      expect(CARD_PROPERTIES.filter((n) => !standard.has(n) && !defined.has(n))).toEqual([]);
    });

    it('every property the card writes routes accept exists', () => {
      // Arrange
      const names = Object.keys(SubmitPropertiesSchema.shape);
      // Assert
      expect(names.length).toBeGreaterThan(20);
      expect(names.filter((n) => !standard.has(n) && !defined.has(n))).toEqual([]);
    });

    it.each(EXPECTED_ENUMS)(
      'the card writes route accepts every option of %s',
      (name, _enumName, fieldType) => {
        // Arrange
        const values = optionValues(aceDef(name));
        // Act
        const refused = values.filter(
          (v) =>
            !SubmitPropertiesSchema.safeParse({ [name]: fieldType === 'checkbox' ? [v] : v })
              .success
        );
        // Assert
        expect(refused).toEqual([]);
      }
    );
  });
});
