// A complete, valid ace-submitter environment (fictional names and ids).
export const VALID_ENV = {
  ENTITY_MAPPINGS_TABLE: 'govwin-ace-dev-entity-mappings',
  SYNC_STATE_TABLE: 'govwin-ace-dev-sync-state',
  AUDIT_TABLE: 'govwin-ace-dev-audit',
  ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:govwin-ace-dev-alerts',
  HUBSPOT_TOKEN_SECRET_ARN:
    'arn:aws:secretsmanager:us-east-1:111122223333:secret:govwin-ace/hubspot-AbCdEf',
  PIPELINE_ID: 'default',
  REFERRAL_STAGE_ID: '1001',
  SUBMIT_STAGE_IDS: '1002, 1003',
  AWS_ACCOUNT_ID_FOR_ACE: '111122223333',
  STAGE_ID_SUBMITTED: '2001',
  STAGE_ID_IN_REVIEW: '2002',
  STAGE_ID_APPROVED: '2003',
  STAGE_ID_ACTION_REQUIRED: '2004',
  STAGE_ID_CLOSED_LOST: 'closedlost',
  STAGE_ID_CLOSED_WON: 'closedwon',
  UPDATE_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/111122223333/govwin-ace-dev-ace-update',
};
