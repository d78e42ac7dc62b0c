// The read-only states: where the opportunity stands in AWS, with a link to it in Partner Central.
import {
  Alert,
  Button,
  DescriptionList,
  DescriptionListItem,
  Flex,
  Link,
  LoadingSpinner,
  StatusTag,
  Text,
} from '@hubspot/ui-extensions';
import type { CardState } from '../lib/card-state';
import { partnerCentralUrl } from '../lib/card-state';

type Variant = 'default' | 'info' | 'success' | 'warning' | 'danger';

const BADGE: Record<CardState['kind'], { label: string; variant: Variant }> = {
  'not-eligible': { label: 'Not eligible', variant: 'default' },
  ready: { label: 'Not submitted', variant: 'default' },
  submitting: { label: 'Submitting to AWS', variant: 'info' },
  'in-review': { label: 'Under AWS review', variant: 'warning' },
  'action-required': { label: 'Action required', variant: 'danger' },
  approved: { label: 'Approved by AWS', variant: 'success' },
  'closed-lost': { label: 'Closed lost', variant: 'default' },
  launched: { label: 'Launched', variant: 'success' },
  'referral-pending': { label: 'AWS referral', variant: 'info' },
  'referral-accepted': { label: 'Referral accepted', variant: 'info' },
};

/** The status badge every state shows first. */
export const StatusBadge = ({ kind }: { kind: CardState['kind'] }) => (
  <StatusTag variant={BADGE[kind].variant}>{BADGE[kind].label}</StatusTag>
);

const AceLink = ({ aceId }: { aceId: string }) => (
  <DescriptionListItem label="AWS opportunity">
    <Link href={{ url: partnerCentralUrl(aceId), external: true }}>{aceId}</Link>
  </DescriptionListItem>
);

const NOT_ELIGIBLE_TEXT = {
  'not-in-pipeline':
    'This deal is not in the AWS co-sell pipeline. Move it to that pipeline to submit it to AWS.',
  'referral-closed': 'This AWS referral was rejected or has expired; nothing more to do here.',
} as const;

/** Props of {@link StatusView}. */
export interface StatusViewProps {
  state: Exclude<CardState, { kind: 'ready' } | { kind: 'referral-pending' }>;
  canEdit: boolean;
  onEdit: () => void;
}

/** Renders a non-interactive state (plus "Update opportunity" where AWS still accepts edits). */
export const StatusView = ({ state, canEdit, onEdit }: StatusViewProps) => {
  switch (state.kind) {
    case 'not-eligible':
      return (
        <Flex direction="column" gap="sm">
          <StatusBadge kind={state.kind} />
          <Text>{NOT_ELIGIBLE_TEXT[state.reason]}</Text>
        </Flex>
      );
    case 'submitting':
      return (
        <Flex direction="column" gap="sm">
          <StatusBadge kind={state.kind} />
          <LoadingSpinner label="Creating the opportunity in AWS Partner Central…" showLabel />
          <Text variant="microcopy">
            This usually takes under a minute. The card refreshes itself.
          </Text>
        </Flex>
      );
    case 'referral-accepted':
      return (
        <Flex direction="column" gap="sm">
          <StatusBadge kind={state.kind} />
          {state.note ? (
            <Alert title="AWS referral" variant="warning">
              {state.note}
            </Alert>
          ) : (
            <>
              <LoadingSpinner
                label="AWS Partner Central is creating the opportunity for this referral…"
                showLabel
              />
              <Text variant="microcopy">
                You accepted this AWS referral. Once AWS has created the opportunity, this card
                shows its review status. The card refreshes itself.
              </Text>
            </>
          )}
        </Flex>
      );
    default:
      return (
        <Flex direction="column" gap="sm">
          <StatusBadge kind={state.kind} />
          <DescriptionList direction="row">
            <AceLink aceId={state.aceId} />
            {state.kind === 'in-review' && (
              <DescriptionListItem label="Review status">
                <Text>{state.reviewStatus}</Text>
              </DescriptionListItem>
            )}
            {state.kind === 'approved' && state.stage && (
              <DescriptionListItem label="Stage">
                <Text>{state.stage}</Text>
              </DescriptionListItem>
            )}
            {state.kind === 'closed-lost' && (
              <DescriptionListItem label="Reason">
                <Text>{state.reason || 'Not given'}</Text>
              </DescriptionListItem>
            )}
          </DescriptionList>
          {state.kind === 'action-required' && (
            <Alert title="AWS needs more from you" variant="warning">
              {state.nextSteps ||
                'Open the opportunity in Partner Central to see what AWS asked for.'}
            </Alert>
          )}
          {state.kind === 'launched' && (
            <Text>The opportunity is launched; this deal is closed won.</Text>
          )}
          {canEdit && (
            <Button variant="secondary" onClick={onEdit}>
              Update opportunity in AWS
            </Button>
          )}
        </Flex>
      );
  }
};
