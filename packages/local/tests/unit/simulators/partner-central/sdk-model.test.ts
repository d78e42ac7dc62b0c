import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  AwsOpportunityStage,
  Industry,
  PrimaryNeedFromAws,
} from '@aws-sdk/client-partnercentral-selling';
import { describe, expect, it } from '@jest/globals';
import type { Shape } from '../../../../src/simulators/partner-central/sdk-model';
import { sellingModel } from '../../../../src/simulators/partner-central/sdk-model';

/** Non-optional members per interface, read straight from the SDK's declarations. */
const declaredRequired = (): Map<string, Set<string>> => {
  const require = createRequire(import.meta.url);
  const file = join(
    dirname(require.resolve('@aws-sdk/client-partnercentral-selling')),
    '..',
    'dist-types',
    'models',
    'models_0.d.ts'
  );
  const source = readFileSync(file, 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '');
  const out = new Map<string, Set<string>>();
  for (const m of source.matchAll(/^export interface (\w+)[^{\n]*\{\n([\s\S]*?)^\}/gm)) {
    const names = [...(m[2] ?? '').matchAll(/^\s+(\w+): /gm)].map((x) => x[1] ?? '');
    out.set(m[1] ?? '', new Set(names));
  }
  return out;
};

const enumOf = (shape: Shape | undefined): ReadonlySet<string> | undefined => {
  if (shape?.kind === 'string') return shape.values;
  if (shape?.kind === 'list') return enumOf(shape.member);
  return undefined;
};

describe('sellingModel (derived from the installed SDK)', () => {
  const model = sellingModel();

  it('knows all 45 operations of the service', () => {
    // Act
    const names = model.operationNames();
    // Assert
    expect(names).toHaveLength(45);
    expect(names).toEqual(expect.arrayContaining(['CreateOpportunity', 'SubmitOpportunity']));
  });

  it('marks as required exactly the members the SDK types declare non-optional', () => {
    // Arrange
    const declared = declaredRequired();
    // Act
    const mismatches = model.operationNames().flatMap((name) => {
      const input = model.operation(name)?.input;
      if (!input || input.name === 'Unit') return [];
      const fromSchema = [...input.members.values()]
        .filter((m) => m.required && !m.idempotencyToken)
        .map((m) => m.name)
        .sort();
      const fromTypes = [...(declared.get(input.name) ?? [])].sort();
      return JSON.stringify(fromSchema) === JSON.stringify(fromTypes) ? [] : [input.name];
    });
    // Assert
    expect(mismatches).toEqual([]);
  });

  it('treats idempotency tokens as required, as the service model does', () => {
    // Act
    const token = model.operation('CreateOpportunity')?.input.members.get('ClientToken');
    // Assert
    expect(token).toMatchObject({ required: true, idempotencyToken: true });
  });

  it('takes enum values from the SDK enum objects, by the member type', () => {
    // Act
    const industry = enumOf(model.structure('Account').members.get('Industry')?.shape);
    const needs = enumOf(
      model.operation('CreateOpportunity')?.input.members.get('PrimaryNeedsFromAws')?.shape
    );
    const awsStage = enumOf(model.structure('AwsOpportunityLifeCycle').members.get('Stage')?.shape);
    const title = enumOf(model.structure('Project').members.get('Title')?.shape);
    // Assert
    expect(industry).toEqual(new Set(Object.values(Industry)));
    expect(needs).toEqual(new Set(Object.values(PrimaryNeedFromAws)));
    expect(awsStage).toEqual(new Set(Object.values(AwsOpportunityStage)));
    expect(title).toBeUndefined();
  });

  it('reads error statuses and faults from the SDK error schemas', () => {
    // Act
    const throttling = model.error('ThrottlingException');
    const internal = model.error('InternalServerException');
    // Assert
    expect(throttling).toEqual({
      name: 'ThrottlingException',
      type: 'com.amazonaws.partnercentralselling#ThrottlingException',
      status: 429,
      fault: 'client',
    });
    expect(internal.fault).toBe('server');
    expect(() => model.error('TeapotException')).toThrow('no error TeapotException');
  });
});
