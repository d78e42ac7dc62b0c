// Explicit intents of the two HTTP entry points (DESIGN §5): the HubSpot webhook receiver and the
// card's reads route. Both keep replay keys only; the receiver enqueues to exactly its two queues and
// the reads route lists solutions and nothing else of Partner Central.

import { type ExplicitKit, leading, viaService } from './builders';
import type { IntentCase } from './types';

export const runtimeIngressIntents = (k: ExplicitKit): IntentCase[] => {
  const { d, a, c, p, mappings } = k;
  const { receiver, reads } = k.role;
  return [
    // Receiver: replay keys only, enqueue to exactly its two queues, publish alerts.
    c(
      receiver,
      'PutItem WHK# replay key',
      'Allowed',
      'dynamodb:PutItem',
      mappings,
      leading('WHK#3f2a')
    ),
    c(receiver, 'PutItem ACE#1 key', 'Denied', 'dynamodb:PutItem', mappings, leading('ACE#1')),
    c(receiver, 'PutItem DEAL#1 key', 'Denied', 'dynamodb:PutItem', mappings, leading('DEAL#1')),
    c(receiver, 'PutItem without LeadingKeys (Null guard)', 'Denied', 'dynamodb:PutItem', mappings),
    c(
      receiver,
      'PutItem WHK# and ACE# keys together',
      'Denied',
      'dynamodb:PutItem',
      mappings,
      leading('WHK#1', 'ACE#1')
    ),
    c(
      receiver,
      'GetItem WHK# (no reads)',
      'Denied',
      'dynamodb:GetItem',
      mappings,
      leading('WHK#1')
    ),
    c(
      receiver,
      'PutItem WHK# in sync-state (other table)',
      'Denied',
      'dynamodb:PutItem',
      a.table('sync-state'),
      leading('WHK#1')
    ),
    c(
      receiver,
      'SendMessage to the submit queue',
      'Allowed',
      'sqs:SendMessage',
      a.queue('ace-submit')
    ),
    c(
      receiver,
      'SendMessage to the update queue',
      'Allowed',
      'sqs:SendMessage',
      a.queue('ace-update')
    ),
    c(
      receiver,
      'SendMessage to the GovWin sync queue',
      'Denied',
      'sqs:SendMessage',
      a.queue('govwin-sync')
    ),
    c(
      receiver,
      'SendMessage to the submit DLQ',
      'Denied',
      'sqs:SendMessage',
      a.queue('ace-submit-dlq')
    ),
    c(
      receiver,
      'ReceiveMessage from the submit queue',
      'Denied',
      'sqs:ReceiveMessage',
      a.queue('ace-submit')
    ),
    c(receiver, 'Publish its alerts', 'Allowed', 'sns:Publish', a.topic('alerts')),
    c(
      receiver,
      'read the signing secret',
      'Allowed',
      'secretsmanager:GetSecretValue',
      d.secretArn('hubspot-signing')
    ),
    c(
      receiver,
      'read the HubSpot token',
      'Denied',
      'secretsmanager:GetSecretValue',
      d.secretArn('hubspot-token')
    ),
    c(
      receiver,
      'read the GovWin credentials',
      'Denied',
      'secretsmanager:GetSecretValue',
      d.secretArn('govwin-credentials')
    ),
    c(
      receiver,
      'encrypt for SQS with the stack key',
      'Allowed',
      'kms:GenerateDataKey',
      d.keyArn,
      viaService(d, 'sqs')
    ),
    c(
      receiver,
      'use the stack key outside its services (S3)',
      'Denied',
      'kms:Decrypt',
      d.keyArn,
      viaService(d, 's3')
    ),
    p(receiver, 'CreateOpportunity', 'Denied', 'CreateOpportunity'),

    // Reads: ListSolutions + its signing secret + replay keys, nothing else.
    p(reads, 'ListSolutions in the configured catalog', 'Allowed', 'ListSolutions'),
    p(reads, 'ListSolutions in the other catalog', 'Denied', 'ListSolutions', d.otherCatalog),
    ...['CreateOpportunity', 'UpdateOpportunity', 'GetOpportunity'].map((x) =>
      p(reads, x, 'Denied', x)
    ),
    c(
      reads,
      'read the signing secret',
      'Allowed',
      'secretsmanager:GetSecretValue',
      d.secretArn('hubspot-signing')
    ),
    c(
      reads,
      'read the HubSpot token',
      'Denied',
      'secretsmanager:GetSecretValue',
      d.secretArn('hubspot-token')
    ),
    c(
      reads,
      'PutItem WHK# replay key',
      'Allowed',
      'dynamodb:PutItem',
      mappings,
      leading('WHK#3f2a')
    ),
    c(reads, 'PutItem ACE#1 key', 'Denied', 'dynamodb:PutItem', mappings, leading('ACE#1')),
    c(reads, 'PutItem without LeadingKeys (Null guard)', 'Denied', 'dynamodb:PutItem', mappings),
    c(reads, 'GetItem DEAL# row', 'Denied', 'dynamodb:GetItem', mappings, leading('DEAL#1')),
    c(
      reads,
      'use a rate-limit bucket (no other table)',
      'Denied',
      'dynamodb:UpdateItem',
      a.table('sync-state'),
      leading('RL#ace-read')
    ),
    c(
      reads,
      'PutItem an audit row',
      'Denied',
      'dynamodb:PutItem',
      a.table('audit'),
      leading('AUDIT#1')
    ),
    c(reads, 'SendMessage to the submit queue', 'Denied', 'sqs:SendMessage', a.queue('ace-submit')),
  ];
};
