// The Partner Central Selling service model, read from the installed SDK itself rather than copied:
// operation, structure, list and error schemas come from the SDK's runtime schema exports
// (`@aws-sdk/client-partnercentral-selling` -> schemas_0), required members from each structure's
// required-member count, enum values from the SDK's runtime enum objects, and which member uses
// which enum from the SDK's own type declarations (dist-types/models/models_0.d.ts), because the
// runtime schemas type enum members as plain strings.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as sdk from '@aws-sdk/client-partnercentral-selling';

const PACKAGE = '@aws-sdk/client-partnercentral-selling';

export type Shape =
  | { kind: 'string'; enumName?: string; values?: ReadonlySet<string> }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'timestamp' }
  | { kind: 'document' }
  | { kind: 'blob' }
  | { kind: 'list'; member: Shape }
  | { kind: 'map'; value: Shape }
  | StructShape;

export interface Member {
  name: string;
  shape: Shape;
  required: boolean;
  idempotencyToken: boolean;
}

export interface StructShape {
  kind: 'structure' | 'union';
  name: string;
  members: ReadonlyMap<string, Member>;
}

export interface OperationModel {
  name: string;
  input: StructShape;
  output: StructShape;
}

export interface ErrorModel {
  name: string;
  /** `namespace#Name`, as sent in `__type`. */
  type: string;
  status: number;
  fault: 'client' | 'server';
}

export interface SellingModel {
  namespace: string;
  operation(name: string): OperationModel | undefined;
  operationNames(): readonly string[];
  structure(name: string): StructShape;
  error(name: string): ErrorModel;
  enumValues(name: string): readonly string[];
}

type Static = readonly unknown[];
const exportsByName = sdk as unknown as Readonly<Record<string, unknown>>;

const deref = (ref: unknown): unknown => (typeof ref === 'function' ? ref() : ref);
const isStatic = (ref: unknown): ref is Static => Array.isArray(ref) && ref.length >= 5;
const isMember = (ref: unknown): ref is readonly [unknown, unknown] =>
  Array.isArray(ref) && ref.length === 2;

/** Enum typing per structure member, parsed from the SDK's declaration files. */
interface EnumRef {
  enumName: string;
}

const sdkTypesDir = (): string => {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve(PACKAGE)), '..', 'dist-types', 'models');
};

const readDeclarations = (file: string): string => {
  const path = join(sdkTypesDir(), file);
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`partner-central simulator: cannot read the SDK type model ${file}`, {
      cause: err,
    });
  }
};

const parseEnumNames = (source: string): Set<string> =>
  new Set([...source.matchAll(/^export declare const (\w+): \{$/gm)].map((m) => m[1] ?? ''));

const parseMemberEnums = (
  source: string,
  enumNames: ReadonlySet<string>
): Map<string, Map<string, EnumRef>> => {
  const withoutDocs = source.replace(/\/\*\*[\s\S]*?\*\//g, '');
  const out = new Map<string, Map<string, EnumRef>>();
  for (const m of withoutDocs.matchAll(/^export interface (\w+)[^{\n]*\{\n([\s\S]*?)^\}/gm)) {
    const members = new Map<string, EnumRef>();
    for (const line of (m[2] ?? '').matchAll(/^\s+(\w+)\??: ([^;]+);$/gm)) {
      const type = (line[2] ?? '').replace(/ \| undefined$/, '');
      const base = /^(\w+)(\[\])?$/.exec(type)?.[1];
      if (base && enumNames.has(base)) members.set(line[1] ?? '', { enumName: base });
    }
    if (members.size > 0) out.set(m[1] ?? '', members);
  }
  return out;
};

const enumValuesOf = (name: string): readonly string[] => {
  const value = exportsByName[name];
  if (typeof value !== 'object' || value === null) {
    throw new Error(`partner-central simulator: the SDK exports no enum ${name}`);
  }
  return Object.values(value as Record<string, string>);
};

const traitBits = (traits: unknown): number => (typeof traits === 'number' ? traits : 0);
const IDEMPOTENCY_TOKEN = 1 << 2;

const buildModel = (): SellingModel => {
  const enumNames = parseEnumNames(readDeclarations('enums.d.ts'));
  const memberEnums = parseMemberEnums(readDeclarations('models_0.d.ts'), enumNames);
  if (enumNames.size === 0 || memberEnums.size === 0) {
    throw new Error('partner-central simulator: the SDK type model has an unexpected layout');
  }
  const enumSets = new Map<string, ReadonlySet<string>>();
  const enumSet = (name: string) => {
    let set = enumSets.get(name);
    if (!set) {
      set = new Set(enumValuesOf(name));
      enumSets.set(name, set);
    }
    return set;
  };
  const structs = new Map<Static, StructShape>();

  const withEnum = (shape: Shape, ref: EnumRef | undefined): Shape => {
    if (!ref) return shape;
    if (shape.kind === 'string') {
      return { kind: 'string', enumName: ref.enumName, values: enumSet(ref.enumName) };
    }
    if (shape.kind === 'list') return { kind: 'list', member: withEnum(shape.member, ref) };
    return shape;
  };

  const shapeOf = (ref: unknown): { shape: Shape; traits: number } => {
    let traits = 0;
    let current = ref;
    for (;;) {
      if (isMember(current)) {
        traits |= traitBits(current[1]);
        current = current[0];
        continue;
      }
      current = deref(current);
      if (isStatic(current) && current[0] === 0) {
        traits |= traitBits(current[3]);
        current = current[4];
        continue;
      }
      break;
    }
    return { shape: toShape(current), traits };
  };

  const toShape = (schema: unknown): Shape => {
    if (typeof schema === 'number') {
      if (schema >= 64 && schema < 128) return { kind: 'list', member: toShape(schema & 63) };
      if (schema >= 128 && schema <= 255) return { kind: 'map', value: toShape(schema & 63) };
      if (schema === 1 || schema === 17 || schema === 19) return { kind: 'number' };
      if (schema === 2) return { kind: 'boolean' };
      if (schema >= 4 && schema <= 7) return { kind: 'timestamp' };
      if (schema === 15) return { kind: 'document' };
      if (schema === 21 || schema === 42) return { kind: 'blob' };
      return { kind: 'string' };
    }
    if (!isStatic(schema)) return { kind: 'document' };
    switch (schema[0]) {
      case 1:
        return { kind: 'list', member: shapeOf(schema[4]).shape };
      case 2:
        return { kind: 'map', value: shapeOf(schema[5]).shape };
      case 3:
      case 4:
      case -3:
        return structOf(schema);
      default:
        return { kind: 'document' };
    }
  };

  const structOf = (schema: Static): StructShape => {
    const cached = structs.get(schema);
    if (cached) return cached;
    const name = String(schema[2]);
    const members = new Map<string, Member>();
    const shape: StructShape = { kind: schema[0] === 4 ? 'union' : 'structure', name, members };
    structs.set(schema, shape);
    const names = schema[4] as readonly string[];
    const refs = schema[5] as readonly unknown[];
    const requiredCount = typeof schema[6] === 'number' ? schema[6] : 0;
    const enums = memberEnums.get(name);
    names.forEach((memberName, i) => {
      const { shape: memberShape, traits } = shapeOf(refs[i]);
      const idempotencyToken = (traits & IDEMPOTENCY_TOKEN) !== 0;
      members.set(memberName, {
        name: memberName,
        shape: withEnum(memberShape, enums?.get(memberName)),
        // The model marks idempotency tokens required; the TS SDK leaves them out of the required
        // count only because it fills them in itself when the caller omits one.
        required: i < requiredCount || idempotencyToken,
        idempotencyToken,
      });
    });
    return shape;
  };

  const staticExport = (name: string): Static | undefined => {
    const value = exportsByName[`${name}$`];
    return isStatic(value) ? value : undefined;
  };

  const operations = new Map<string, OperationModel>();
  const operationNames = Object.keys(exportsByName)
    .filter((key) => key.endsWith('$') && isStatic(exportsByName[key]))
    .filter((key) => (exportsByName[key] as Static)[0] === 9)
    .map((key) => key.slice(0, -1))
    .sort();
  const namespace = String(staticExport('ValidationException')?.[1] ?? '');

  return {
    namespace,
    operationNames: () => operationNames,
    operation: (name) => {
      const cached = operations.get(name);
      if (cached) return cached;
      const schema = staticExport(name);
      if (schema === undefined) return undefined;
      if (schema[0] !== 9) return undefined;
      const input = toShape(deref(schema[4]));
      const output = toShape(deref(schema[5]));
      const empty: StructShape = { kind: 'structure', name: 'Unit', members: new Map() };
      const op: OperationModel = {
        name,
        input: input.kind === 'structure' ? input : empty,
        output: output.kind === 'structure' ? output : empty,
      };
      operations.set(name, op);
      return op;
    },
    structure: (name) => {
      const schema = staticExport(name);
      if (!schema || (schema[0] !== 3 && schema[0] !== 4)) {
        throw new Error(`partner-central simulator: the SDK model has no structure ${name}`);
      }
      return structOf(schema);
    },
    error: (name) => {
      const schema = staticExport(name);
      const traits = schema?.[3] as { error?: string; httpError?: number } | undefined;
      if (!schema || schema[0] !== -3 || !traits) {
        throw new Error(`partner-central simulator: the SDK model has no error ${name}`);
      }
      return {
        name,
        type: `${String(schema[1])}#${name}`,
        status: traits.httpError ?? (traits.error === 'server' ? 500 : 400),
        fault: traits.error === 'server' ? 'server' : 'client',
      };
    },
    enumValues: (name) => [...enumSet(name)],
  };
};

let model: SellingModel | undefined;

/** The service model derived from the installed SDK (built once, on first use). */
export const sellingModel = (): SellingModel => {
  model ??= buildModel();
  return model;
};
