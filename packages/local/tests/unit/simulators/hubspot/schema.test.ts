import { describe, expect, it } from '@jest/globals';
import {
  eventValue,
  makeBuiltInSchema,
  normaliseValue,
  type PropertyDefinition,
  resolveObjectType,
} from '../../../../src/simulators/hubspot/schema';

const schema = makeBuiltInSchema('2025-01-01T00:00:00.000Z');
const def = (name: string) => schema.deals.properties.get(name) as PropertyDefinition;
const custom = (over: Partial<PropertyDefinition>): PropertyDefinition => ({
  ...def('dealname'),
  ...over,
});

describe('normaliseValue', () => {
  it.each([
    { name: 'a number', p: def('amount'), raw: 125000, out: '125000' },
    {
      name: 'a datetime from epoch ms',
      p: def('closedate'),
      raw: '1748736000000',
      out: '2025-06-01T00:00:00.000Z',
    },
    {
      name: 'a datetime from a date',
      p: def('closedate'),
      raw: '2025-06-01',
      out: '2025-06-01T00:00:00.000Z',
    },
    {
      name: 'a date at midnight',
      p: custom({ type: 'date', fieldType: 'date' }),
      raw: 1748736000000,
      out: '2025-06-01',
    },
    {
      name: 'checkbox values joined by ;',
      p: custom({
        type: 'enumeration',
        fieldType: 'checkbox',
        options: ['a', 'b'].map((v, i) => ({ label: v, value: v, hidden: false, displayOrder: i })),
      }),
      raw: 'a;b',
      out: 'a;b',
    },
    {
      name: 'a boolean',
      p: custom({ type: 'bool', fieldType: 'booleancheckbox' }),
      raw: true,
      out: 'true',
    },
    { name: 'an empty string (clears)', p: def('dealname'), raw: '', out: null },
  ])('accepts $name', ({ p, raw, out }) => {
    // Act & Assert
    expect(normaliseValue(p, raw)).toBe(out);
  });

  it.each([
    { name: 'a non-number', p: def('amount'), raw: '12k' },
    {
      name: 'a date off midnight',
      p: custom({ type: 'date', fieldType: 'date' }),
      raw: 1748736000001,
    },
    { name: 'an unknown option', p: def('dealtype'), raw: 'imaginary' },
    { name: 'an object', p: def('dealname'), raw: { a: 1 } },
    {
      name: 'a non-boolean',
      p: custom({ type: 'bool', fieldType: 'booleancheckbox' }),
      raw: 'yes',
    },
  ])('refuses $name', ({ p, raw }) => {
    // Act & Assert
    expect(() => normaliseValue(p, raw)).toThrow(TypeError);
  });
});

describe('eventValue', () => {
  it('sends dates as epoch ms and a cleared value as an empty string', () => {
    // Act & Assert
    expect(eventValue(def('closedate'), '2025-06-01T00:00:00.000Z')).toBe('1748736000000');
    expect(eventValue(def('dealname'), null)).toBe('');
  });
});

describe('resolveObjectType', () => {
  it('accepts names and object type ids, and refuses others', () => {
    // Act & Assert
    expect(resolveObjectType('0-3')).toBe('deals');
    expect(resolveObjectType('Contacts')).toBe('contacts');
    expect(() => resolveObjectType('tickets')).toThrow('Unable to infer object type');
  });
});
