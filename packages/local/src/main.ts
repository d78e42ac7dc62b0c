// The README's run command (`pnpm start`). Until the full local runtime lands (issue: local runtime),
// this starts a real local DynamoDB with the project's real table definitions and exercises a
// replay reservation, printing what it did. It never prints a placeholder.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys, makeAwsClients, TABLES, tableDefinition } from '@govwin-ace/shared-core';
import { startLocalDynamo } from '@govwin-ace/shared-core/testing';

const main = async (): Promise<number> => {
  const ddb = await startLocalDynamo({ warn: (m) => process.stderr.write(`warning: ${m}\n`) });
  process.stdout.write(`local DynamoDB (${ddb.engine}) at ${ddb.endpoint}\n`);
  const aws = makeAwsClients({
    region: 'us-east-1',
    endpoints: { dynamodb: ddb.endpoint },
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
  });
  const client = aws.dynamodb();
  const doc = aws.documentClient();
  try {
    for (const table of Object.values(TABLES)) {
      await client.send(new CreateTableCommand(tableDefinition(`local-${table}`)));
      process.stdout.write(`created table local-${table}\n`);
    }
    const reserve = () =>
      doc.send(
        new PutCommand({
          TableName: `local-${TABLES.entityMappings}`,
          Item: { ...keys.webhook('0'.repeat(64)), ttl: Math.floor(Date.now() / 1000) + 300 },
          ConditionExpression: 'attribute_not_exists(pk)',
        })
      );
    await reserve();
    const second = await reserve().then(
      () => 'accepted (unexpected)',
      (err: Error) => err.name
    );
    process.stdout.write(`replay reservation: first accepted, second -> ${second}\n`);
    return second === 'ConditionalCheckFailedException' ? 0 : 1;
  } finally {
    doc.destroy();
    client.destroy();
    await ddb.stop();
  }
};

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`govwin-ace local: ${err.message}\n`);
    process.exit(1);
  }
);
