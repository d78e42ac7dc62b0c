// Entry point of the deal card (card-hsmeta.json `entrypoint`). Reads the deal through HubSpot itself and
// talks to the backend only through `hubspot.fetch`; all logic lives in lib/ and components/.
import { hubspot } from '@hubspot/ui-extensions';
import { useCrmProperties } from '@hubspot/ui-extensions/crm';
import { useMemo } from 'react';
import { BACKEND_BASE_URL } from './backend-url.generated';
import { AceCard } from './components/ace-card';
import { type CardFetch, makeCardApi } from './lib/card-api';
import { CARD_PROPERTIES } from './lib/deal-props';

const Card = ({ dealId }: { dealId: string }) => {
  const { properties, isLoading, refetch } = useCrmProperties(CARD_PROPERTIES);
  const api = useMemo(
    () => makeCardApi({ fetch: hubspot.fetch as unknown as CardFetch, baseUrl: BACKEND_BASE_URL }),
    []
  );
  return (
    <AceCard
      dealId={dealId}
      properties={properties}
      propertiesLoading={isLoading}
      refresh={refetch}
      api={api}
    />
  );
};

hubspot.extend<'crm.record.tab'>(({ context }) => <Card dealId={String(context.crm.objectId)} />);
