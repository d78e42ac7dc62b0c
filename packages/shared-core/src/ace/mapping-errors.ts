import { ValidationError } from '../errors/common-errors';
import { ACE_ENUM, type AceEnumName } from './enums';

/** A deal cannot be sent to ACE as it is; `fields` maps HubSpot property names to one-line reasons. */
export class AceMappingError extends ValidationError {
  public constructor(fields: Readonly<Record<string, string>>) {
    const list = Object.entries(fields)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ');
    super(`deal cannot be sent to ACE: ${list}`, { code: 'ACE_MAPPING_INVALID', fields });
    this.name = 'AceMappingError';
  }
}

/** Collects per-field problems; reasons never contain the offending values. */
export class FieldProblems {
  private readonly problems: Record<string, string> = {};

  /** Records one problem (the first problem per field wins). */
  public add(field: string, reason: string): void {
    this.problems[field] ??= reason;
  }

  /** Records an enum problem, listing the allowed values when the list is short. */
  public addEnum(field: string, name: AceEnumName, badCount = 1): void {
    const values = ACE_ENUM[name] as readonly string[];
    const allowed =
      values.length <= 30
        ? `: one of ${values.join(' | ')}`
        : ` (${values.length} values in the SDK)`;
    this.add(
      field,
      `${badCount === 1 ? 'has a value that is not' : `has ${badCount} values that are not`} a valid ${name}${allowed}`
    );
  }

  public get empty(): boolean {
    return Object.keys(this.problems).length === 0;
  }

  /** Throws an {@link AceMappingError} when any problem was recorded. */
  public throwIfAny(): void {
    if (!this.empty) throw new AceMappingError({ ...this.problems });
  }
}
