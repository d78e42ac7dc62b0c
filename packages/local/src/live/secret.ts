// A credential held in memory that never prints by accident.
import { inspect } from 'node:util';

/** A credential that never prints: `String`, JSON and `util.inspect` all show `[redacted]`. */
export class Secret {
  readonly #value: string;
  public constructor(value: string) {
    this.#value = value;
  }
  /** The value, only where it is handed to a client or seeded into Secrets Manager. */
  public reveal(): string {
    return this.#value;
  }
  public toString(): string {
    return '[redacted]';
  }
  public toJSON(): string {
    return '[redacted]';
  }
  public [inspect.custom](): string {
    return '[redacted]';
  }
}
