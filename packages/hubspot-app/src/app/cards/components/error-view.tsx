// A backend call failed: say so plainly, offer a retry, and show the reference support needs.
import { Button, ErrorState, Text } from '@hubspot/ui-extensions';
import type { CardApiError } from '../lib/card-api';

export const ErrorView = ({ error, onRetry }: { error: CardApiError; onRetry: () => void }) => (
  <ErrorState title="Something went wrong talking to AWS co-sell">
    <Text>{error.message}</Text>
    {error.correlationId && (
      <Text variant="microcopy">Reference for support: {error.correlationId}</Text>
    )}
    <Button onClick={onRetry}>Try again</Button>
  </ErrorState>
);
