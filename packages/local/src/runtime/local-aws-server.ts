import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { LocalQueue, type LocalQueueOptions } from './local-queue';

/** One SNS publish as the local topic recorded it. */
export interface PublishedMessage {
  topicArn: string;
  subject?: string;
  message: string;
  messageId: string;
  at: number;
  /** String message attributes (the alerts' `kind`, which subscriptions filter on). */
  attributes?: Record<string, string>;
}

/** The String attributes of an SNS Publish in query form (`MessageAttributes.entry.N.Name` / `.Value.*`). */
const snsMessageAttributes = (form: URLSearchParams): Record<string, string> => {
  const out: Record<string, string> = {};
  for (let n = 1; form.has(`MessageAttributes.entry.${n}.Name`); n += 1) {
    const name = form.get(`MessageAttributes.entry.${n}.Name`) ?? '';
    const value = form.get(`MessageAttributes.entry.${n}.Value.StringValue`);
    if (name && value !== null) out[name] = value;
  }
  return out;
};

export interface LocalAwsOptions {
  port?: number;
  host?: string;
  accountId?: string;
  region?: string;
  now?: () => number;
}

const MAX_BODY = 1024 * 1024;

class AwsFault extends Error {
  public constructor(
    public readonly type: string,
    message: string,
    public readonly status = 400
  ) {
    super(message);
  }
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new AwsFault('RequestEntityTooLarge', 'request body exceeds 1 MiB', 413));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The AWS services the handlers use besides DynamoDB, on one loopback HTTP server, speaking each service's
 * real wire protocol so the unchanged AWS SDK talks to it: SQS (AWS JSON 1.0), Secrets Manager (AWS JSON
 * 1.1) and SNS Publish (AWS Query, XML response). Point the SDK at it with AWS_ENDPOINT_URL_SQS /
 * AWS_ENDPOINT_URL_SECRETS_MANAGER / AWS_ENDPOINT_URL_SNS.
 */
export class LocalAws {
  public readonly queues = new Map<string, LocalQueue>();
  public readonly published: PublishedMessage[] = [];
  private readonly secrets = new Map<string, { value: string; version: number; arn: string }>();
  private readonly topics = new Set<string>();
  private readonly publishListeners: ((m: PublishedMessage) => void)[] = [];
  private server: Server | undefined;
  private baseUrl = '';
  public readonly accountId: string;
  public readonly region: string;
  private readonly now: () => number;
  public readonly calls: Record<string, number> = {};

  public constructor(private readonly options: LocalAwsOptions = {}) {
    this.accountId = options.accountId ?? '000000000000';
    this.region = options.region ?? 'us-east-1';
    this.now = options.now ?? Date.now;
  }

  /** Starts listening; resolves with the endpoint URL. */
  public async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          err.code === 'EADDRINUSE' ? new Error(`port ${this.options.port} is already in use`) : err
        )
      );
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    this.server = server;
    this.baseUrl = `http://${this.options.host ?? '127.0.0.1'}:${port}`;
    return this.baseUrl;
  }

  public get url(): string {
    return this.baseUrl;
  }

  public async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Creates a queue (and its DLQ when `dlq` is given) and returns the queue URL the SDK uses. */
  public createQueue(
    name: string,
    options: Omit<LocalQueueOptions, 'name' | 'deadLetterQueue'> & { dlq?: string } = {}
  ): string {
    const { dlq, ...rest } = options;
    const deadLetterQueue = dlq ? this.queues.get(dlq) : undefined;
    if (dlq && !deadLetterQueue) throw new Error(`dead-letter queue ${dlq} must be created first`);
    const queue = new LocalQueue({
      name,
      now: this.now,
      region: this.region,
      accountId: this.accountId,
      ...rest,
      ...(deadLetterQueue ? { deadLetterQueue } : {}),
    });
    this.queues.set(name, queue);
    return this.queueUrl(name);
  }

  public queueUrl(name: string): string {
    return `${this.baseUrl}/${this.accountId}/${name}`;
  }

  public queue(name: string): LocalQueue {
    const q = this.queues.get(name);
    if (!q) throw new Error(`unknown local queue ${name}`);
    return q;
  }

  /** Creates a topic and returns its ARN. */
  public createTopic(name: string): string {
    const arn = `arn:aws:sns:${this.region}:${this.accountId}:${name}`;
    this.topics.add(arn);
    return arn;
  }

  public onPublish(listener: (m: PublishedMessage) => void): void {
    this.publishListeners.push(listener);
  }

  /** Creates or replaces a secret; returns its ARN. */
  public putSecret(name: string, value: string): string {
    const existing = this.secrets.get(name);
    const arn =
      existing?.arn ??
      `arn:aws:secretsmanager:${this.region}:${this.accountId}:secret:${name}-${randomUUID().slice(0, 6)}`;
    const entry = { value, version: (existing?.version ?? 0) + 1, arn };
    this.secrets.set(name, entry);
    this.secrets.set(arn, entry);
    return arn;
  }

  public getSecretValue(idOrArn: string): string | undefined {
    return this.secrets.get(idOrArn)?.value;
  }

  private queueFromUrl(url: unknown): LocalQueue {
    const name = typeof url === 'string' ? url.split('/').pop() : undefined;
    const q = name ? this.queues.get(name) : undefined;
    if (!q)
      throw new AwsFault(
        'com.amazonaws.sqs#QueueDoesNotExist',
        'The specified queue does not exist.'
      );
    return q;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const body = await readBody(req);
      const target = String(req.headers['x-amz-target'] ?? '');
      if (req.method !== 'POST') throw new AwsFault('InvalidAction', 'only POST is supported', 405);
      if (target.startsWith('AmazonSQS.'))
        return this.json(res, '1.0', this.sqs(target.slice(10), this.parseJson(body)));
      if (target.startsWith('secretsmanager.'))
        return this.json(res, '1.1', this.secretsManager(target.slice(15), this.parseJson(body)));
      const form = new URLSearchParams(body);
      if (form.get('Action') === 'Publish') return this.snsPublish(res, form);
      throw new AwsFault('UnknownOperationException', 'unknown operation');
    } catch (err) {
      const fault =
        err instanceof AwsFault ? err : new AwsFault('InternalFailure', 'internal error', 500);
      res.writeHead(fault.status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-query-error': `${fault.type.split('#').pop()};Sender`,
      });
      res.end(JSON.stringify({ __type: fault.type, message: fault.message }));
    }
  }

  private parseJson(body: string): Record<string, unknown> {
    try {
      const parsed: unknown = JSON.parse(body || '{}');
      if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
    } catch {
      // fall through
    }
    throw new AwsFault('SerializationException', 'request body is not a JSON object');
  }

  private json(res: ServerResponse, version: '1.0' | '1.1', payload: unknown): void {
    res.writeHead(200, {
      'content-type': `application/x-amz-json-${version}`,
      'x-amzn-requestid': randomUUID(),
    });
    res.end(JSON.stringify(payload ?? {}));
  }

  private count(op: string): void {
    this.calls[op] = (this.calls[op] ?? 0) + 1;
  }

  private sqs(op: string, input: Record<string, unknown>): unknown {
    this.count(`sqs:${op}`);
    switch (op) {
      case 'SendMessage': {
        const m = this.queueFromUrl(input.QueueUrl).send(String(input.MessageBody ?? ''));
        return { MessageId: m.messageId, MD5OfMessageBody: m.md5OfBody };
      }
      case 'SendMessageBatch': {
        const q = this.queueFromUrl(input.QueueUrl);
        const entries = Array.isArray(input.Entries)
          ? (input.Entries as { Id: string; MessageBody: string }[])
          : [];
        if (entries.length === 0)
          throw new AwsFault('com.amazonaws.sqs#EmptyBatchRequest', 'batch is empty');
        if (entries.length > 10)
          throw new AwsFault(
            'com.amazonaws.sqs#TooManyEntriesInBatchRequest',
            'more than 10 entries'
          );
        return {
          Successful: entries.map((e) => {
            const m = q.send(String(e.MessageBody));
            return { Id: e.Id, MessageId: m.messageId, MD5OfMessageBody: m.md5OfBody };
          }),
          Failed: [],
        };
      }
      case 'ReceiveMessage': {
        const q = this.queueFromUrl(input.QueueUrl);
        const max = Number(input.MaxNumberOfMessages ?? 1);
        const vis =
          input.VisibilityTimeout === undefined
            ? undefined
            : Number(input.VisibilityTimeout) * 1000;
        const messages = q.receive(max, vis);
        return {
          Messages: messages.map((m) => ({
            MessageId: m.messageId,
            ReceiptHandle: m.receiptHandle,
            MD5OfBody: m.md5OfBody,
            Body: m.body,
            Attributes: m.attributes,
          })),
        };
      }
      case 'DeleteMessage':
        this.queueFromUrl(input.QueueUrl).delete(String(input.ReceiptHandle));
        return {};
      case 'DeleteMessageBatch': {
        const q = this.queueFromUrl(input.QueueUrl);
        const entries = (input.Entries ?? []) as { Id: string; ReceiptHandle: string }[];
        for (const e of entries) q.delete(e.ReceiptHandle);
        return { Successful: entries.map((e) => ({ Id: e.Id })), Failed: [] };
      }
      case 'ChangeMessageVisibility':
        this.queueFromUrl(input.QueueUrl).changeVisibility(
          String(input.ReceiptHandle),
          Number(input.VisibilityTimeout) * 1000
        );
        return {};
      case 'PurgeQueue':
        this.queueFromUrl(input.QueueUrl).purge();
        return {};
      case 'GetQueueUrl': {
        const name = String(input.QueueName ?? '');
        if (!this.queues.has(name))
          throw new AwsFault(
            'com.amazonaws.sqs#QueueDoesNotExist',
            'The specified queue does not exist.'
          );
        return { QueueUrl: this.queueUrl(name) };
      }
      case 'ListQueues':
        return { QueueUrls: [...this.queues.keys()].map((n) => this.queueUrl(n)) };
      case 'GetQueueAttributes': {
        const q = this.queueFromUrl(input.QueueUrl);
        const d = q.depth();
        return {
          Attributes: {
            QueueArn: q.arn,
            ApproximateNumberOfMessages: String(d.visible),
            ApproximateNumberOfMessagesNotVisible: String(d.inFlight),
            VisibilityTimeout: String(Math.round(q.visibilityTimeoutMs / 1000)),
            ...(q.deadLetterQueue
              ? {
                  RedrivePolicy: JSON.stringify({
                    deadLetterTargetArn: q.deadLetterQueue.arn,
                    maxReceiveCount: q.maxReceiveCount,
                  }),
                }
              : {}),
          },
        };
      }
      default:
        throw new AwsFault(
          'com.amazonaws.sqs#UnsupportedOperation',
          `SQS ${op} is not supported locally`
        );
    }
  }

  private secretsManager(op: string, input: Record<string, unknown>): unknown {
    this.count(`secretsmanager:${op}`);
    const id = String(input.SecretId ?? '');
    const entry = this.secrets.get(id);
    if (!entry)
      throw new AwsFault(
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret."
      );
    const name =
      [...this.secrets.entries()].find(([k, v]) => v === entry && !k.startsWith('arn:'))?.[0] ?? id;
    switch (op) {
      case 'GetSecretValue':
        return {
          ARN: entry.arn,
          Name: name,
          SecretString: entry.value,
          VersionId: `v${entry.version}`,
          VersionStages: ['AWSCURRENT'],
          CreatedDate: Math.floor(this.now() / 1000),
        };
      case 'PutSecretValue': {
        if (typeof input.SecretString !== 'string')
          throw new AwsFault('InvalidParameterException', 'SecretString is required');
        this.putSecret(name, input.SecretString);
        const updated = this.secrets.get(name);
        return {
          ARN: entry.arn,
          Name: name,
          VersionId: `v${updated?.version}`,
          VersionStages: ['AWSCURRENT'],
        };
      }
      case 'DescribeSecret':
        return { ARN: entry.arn, Name: name };
      default:
        throw new AwsFault(
          'InvalidRequestException',
          `Secrets Manager ${op} is not supported locally`
        );
    }
  }

  private snsPublish(res: ServerResponse, form: URLSearchParams): void {
    this.count('sns:Publish');
    const topicArn = form.get('TopicArn') ?? '';
    if (!this.topics.has(topicArn)) {
      res.writeHead(404, { 'content-type': 'text/xml' });
      res.end(
        `<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`
      );
      return;
    }
    const subject = form.get('Subject') ?? undefined;
    const attributes = snsMessageAttributes(form);
    const message: PublishedMessage = {
      topicArn,
      message: form.get('Message') ?? '',
      messageId: randomUUID(),
      at: this.now(),
      ...(subject !== undefined ? { subject } : {}),
      ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    };
    this.published.push(message);
    for (const l of this.publishListeners) l(message);
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(
      `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${xmlEscape(message.messageId)}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`
    );
  }
}
