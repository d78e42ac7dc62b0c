// An in-memory SecretsStore for tests: the same interface the Secrets Manager store implements,
// recording every write so tests can see what was cached across "invocations".
import { ConfigError, SecretNotSetError, type SecretsStore } from '@govwin-ace/shared-core';
import * as z from 'zod/mini';

export const makeMemorySecrets = (initial: Record<string, string | object> = {}) => {
  const values = new Map<string, string>(
    Object.entries(initial).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])
  );
  const writes: { id: string; value: string }[] = [];
  const store: SecretsStore = {
    getString: async (id) => {
      const v = values.get(id);
      // Like a secret Terraform created without a value (no AWSCURRENT version).
      if (v === undefined || v === '') {
        throw new SecretNotSetError(`secrets: secret '${id}' has no value yet`);
      }
      return v;
    },
    getJson: async <T = unknown>(id: string, schema?: z.core.$ZodType<T>) => {
      const text = await store.getString(id);
      const parsed: unknown = JSON.parse(text);
      if (!schema) return parsed as T;
      const r = z.safeParse(schema, parsed);
      if (!r.success)
        throw new ConfigError(`secrets: secret '${id}' has the wrong shape`, {
          code: 'SECRET_MALFORMED',
        });
      return r.data as T;
    },
    put: async (id, value) => {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      values.set(id, text);
      writes.push({ id, value: text });
    },
    clear: () => undefined,
  };
  return {
    store,
    writes,
    set: (id: string, v: string | object) =>
      values.set(id, typeof v === 'string' ? v : JSON.stringify(v)),
    get: (id: string) => values.get(id),
  };
};
