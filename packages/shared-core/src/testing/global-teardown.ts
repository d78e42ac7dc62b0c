import type { LocalDynamo } from './dynamodb-server';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __govwinAceDynamo?: LocalDynamo }).__govwinAceDynamo?.stop();
}
