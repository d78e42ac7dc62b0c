// The shapes every IAM intent module shares: a case (who, what, on which sample resource, expecting
// Allowed or Denied), its simulated result, and the deployment facts the cases are written against.

export type Expectation = 'Allowed' | 'Denied';

/** Where a case comes from: DESIGN §5 sentences, or a sweep generated from the rendered policies. */
export type IntentKind =
  | 'explicit'
  | 'catalog'
  | 'create-only-submit'
  | 'audit-append-only'
  | 'async-failure-destination'
  | 'dead-letter-read'
  | 'deployer-reach'
  | 'operator-reach';

export interface IntentCase {
  /** Unique, readable: `<subject>: <what> -> <expectation>`. */
  readonly id: string;
  readonly kind: IntentKind;
  /** Role name, `operator` (bootstrap-operator.json) or `trust:<role name>` (AssumeRole). */
  readonly subject: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string | string[]>>;
  /** For trust cases: who calls AssumeRole. */
  readonly caller?: string;
  readonly expect: Expectation;
}

export interface IntentResult {
  readonly intent: IntentCase;
  readonly actual: string;
  readonly ok: boolean;
}

/** Facts about the deployment the cases are written against (read from the evaluated world). */
export interface Deployment {
  /** `<project>-<environment>`. */
  readonly prefix: string;
  readonly project: string;
  readonly region: string;
  readonly account: string;
  readonly catalog: string;
  readonly otherCatalog: string;
  readonly keyArn: string;
  readonly boundaryArn: string;
  readonly secretArn: (purpose: string) => string;
  readonly stateBucket: string;
  readonly stateKeyPrefix: string;
  readonly deployerPrincipal: string;
}
