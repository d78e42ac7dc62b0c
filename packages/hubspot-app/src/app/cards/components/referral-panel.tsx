// An AWS referral waiting for the rep: accept, or reject with a reason, before it expires.
import { Alert, Button, ButtonRow, Flex, Input, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { type CardState, expiryText } from '../lib/card-state';
import { StatusBadge } from './status-view';

export interface ReferralPanelProps {
  state: Extract<CardState, { kind: 'referral-pending' }>;
  now: number;
  maxReasonLength: number;
  busy: boolean;
  onAccept: () => void;
  onReject: (reason: string) => void;
}

export const ReferralPanel = ({
  state,
  now,
  maxReasonLength,
  busy,
  onAccept,
  onReject,
}: ReferralPanelProps) => {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const expiry = expiryText(state.expiresAt, now);
  const reasonError =
    reason.trim().length > maxReasonLength ? `At most ${maxReasonLength} characters.` : undefined;
  return (
    <Flex direction="column" gap="sm">
      <StatusBadge kind={state.kind} />
      <Text>
        AWS referred {state.customer || 'a customer'} to you
        {state.sender && state.sender !== 'AWS' ? ` (sent by ${state.sender})` : ''}. Accept to work
        it with AWS, or reject it with a reason.
      </Text>
      {state.previousFailure && (
        <Alert title="The last accept did not go through" variant="danger">
          {state.previousFailure}
        </Alert>
      )}
      {expiry && (
        <Alert title={expiry} variant="warning">
          Unanswered referrals expire and go back to AWS.
        </Alert>
      )}
      {!rejecting ? (
        <ButtonRow>
          <Button variant="primary" disabled={busy} onClick={onAccept}>
            Accept referral
          </Button>
          <Button variant="destructive" disabled={busy} onClick={() => setRejecting(true)}>
            Reject…
          </Button>
        </ButtonRow>
      ) : (
        <Flex direction="column" gap="xs">
          <Input
            label="Why are you rejecting this referral?"
            name="rejectionReason"
            required
            value={reason}
            onChange={setReason}
            error={Boolean(reasonError)}
            {...(reasonError ? { validationMessage: reasonError } : {})}
          />
          <ButtonRow>
            <Button
              variant="destructive"
              disabled={busy || !reason.trim() || Boolean(reasonError)}
              onClick={() => onReject(reason.trim())}
            >
              Reject referral
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => setRejecting(false)}>
              Cancel
            </Button>
          </ButtonRow>
        </Flex>
      )}
    </Flex>
  );
};
