import {
  Alert,
  Button,
  ErrorState,
  Input,
  Link,
  LoadingSpinner,
  MultiSelect,
  Select,
  StatusTag,
  Text,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it, jest } from '@jest/globals';
import { AceCard } from '../../src/app/cards/components/ace-card';
import { CardApiError } from '../../src/app/cards/lib/card-api';
import type { DealProps } from '../../src/app/cards/lib/deal-props';
import { DEALS, fakeApi, NOW } from '../helpers/card-fixtures';

const renderCard = (properties: DealProps, api = fakeApi()) => {
  const r = createRenderer('crm.record.tab');
  const refresh = jest.fn(async () => undefined);
  const timers: { ms: number; fn: () => void; stopped: boolean }[] = [];
  const every = (ms: number, fn: () => void) => {
    const t = { ms, fn, stopped: false };
    timers.push(t);
    return () => {
      t.stopped = true;
    };
  };
  const show = (props: DealProps) =>
    r.render(
      <AceCard
        dealId="42"
        properties={props}
        propertiesLoading={false}
        refresh={refresh}
        api={api}
        now={() => NOW}
        every={every}
      />
    );
  show(properties);
  /** Renders again with the deal's properties as HubSpot returns them after a refresh. */
  const rerender = (next: DealProps) => show(next);
  return { r, api, refresh, timers, rerender };
};
const loaded = async (r: ReturnType<typeof createRenderer>) =>
  r.waitFor(() => expect(r.maybeFind(StatusTag) ?? r.maybeFind(ErrorState)).not.toBeNull());
/** Lets passive effects run: the renderer's waitFor only re-checks after a render, effects may not render. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
/** Every Text on screen, joined (container nodes carry no text of their own). */
const allText = (r: ReturnType<typeof createRenderer>) =>
  r
    .findAll(Text)
    .map((t) => t.text ?? '')
    .join(' ');
const badge = (r: ReturnType<typeof createRenderer>) => r.find(StatusTag).text;
const button = (r: ReturnType<typeof createRenderer>, text: string) =>
  r.find(Button, (b) => b.text === text);

describe('AceCard', () => {
  it('shows a spinner until the backend configuration arrives', () => {
    const { r } = renderCard(DEALS.ready, fakeApi({ config: () => new Promise(() => undefined) }));
    expect(r.find(LoadingSpinner).props.label).toBe('Loading AWS co-sell status…');
  });

  it('not eligible: explains why and offers no action', async () => {
    const { r } = renderCard(DEALS.notEligible);
    await loaded(r);
    expect(badge(r)).toBe('Not eligible');
    expect(r.maybeFind(Button)).toBeNull();
    expect(allText(r)).toContain('not in the AWS co-sell pipeline');
  });

  it('ready to submit: opens the form pre-filled from the deal, with the solution and product pickers', async () => {
    const { r, api } = renderCard(DEALS.ready);
    await loaded(r);
    expect(badge(r)).toBe('Not submitted');
    button(r, 'Submit to AWS').trigger('onClick');
    await r.waitFor(() => expect(r.maybeFind(Select, { name: 'solution' })).not.toBeNull());
    expect(r.find(Input, { name: 'dealName' }).props.value).toBe(DEALS.ready.dealname);
    expect(r.find(Input, { name: 'closeDate' }).props.value).toBe('2027-06-30');
    expect(r.find(MultiSelect, { name: 'partnerNeed' }).props.value).toEqual([
      'Co-Sell - Deal Support',
    ]);
    expect(r.find(Select, { name: 'solution' }).props.options).toEqual([
      { value: 'S-1000001', label: 'Secure Cloud Landing Zone (Consulting Service)' },
    ]);
    expect(r.find(MultiSelect, { name: 'awsProducts' }).props.label).toBe(
      'AWS products consumed (0 / 20)'
    );
    expect(api.calls.map((c) => c.name).sort()).toEqual(['awsProducts', 'config', 'solutions']);
  });

  it('ready to submit: blocks an incomplete form on the client and names the field', async () => {
    const { r, api } = renderCard(DEALS.ready);
    await loaded(r);
    button(r, 'Submit to AWS').trigger('onClick');
    await r.waitFor(() =>
      expect(r.maybeFind(MultiSelect, { name: 'deliveryModel' })).not.toBeNull()
    );
    r.find(Button, (b) => b.text === 'Submit to AWS' && b.props.variant === 'primary').trigger(
      'onClick'
    );
    expect(r.find(MultiSelect, { name: 'deliveryModel' }).props.validationMessage).toBe(
      'Choose at least one delivery model.'
    );
    expect(api.calls.map((c) => c.name)).not.toContain('submit');
  });

  it('submitting: submits through the backend, then shows the submitting state', async () => {
    const { r, api, refresh } = renderCard(DEALS.ready);
    await loaded(r);
    button(r, 'Submit to AWS').trigger('onClick');
    await r.waitFor(() =>
      expect(r.maybeFind(MultiSelect, { name: 'deliveryModel' })).not.toBeNull()
    );
    r.find(MultiSelect, { name: 'deliveryModel' }).trigger('onChange', [
      'Professional Services',
    ] as never);
    r.find(Button, (b) => b.text === 'Submit to AWS' && b.props.variant === 'primary').trigger(
      'onClick'
    );
    await r.waitFor(() => expect(badge(r)).toBe('Submitting to AWS'));
    const submit = api.calls.find((c) => c.name === 'submit');
    expect(submit?.args[0]).toBe('42');
    expect(submit?.args[1]).toMatchObject({ govwin_ace_delivery_model: ['Professional Services'] });
    expect(refresh).toHaveBeenCalled();
  });

  it('submitting: a deal in the trigger stage shows progress and re-reads the deal every 30 s', async () => {
    const { r, refresh, timers } = renderCard(DEALS.submitting);
    await loaded(r);
    expect(badge(r)).toBe('Submitting to AWS');
    expect(r.find(LoadingSpinner).props.label).toContain('Creating the opportunity');
    const live = () => timers.filter((t) => !t.stopped);
    await settle();
    expect(live().map((t) => t.ms)).toEqual([30_000]);
    live()[0]?.fn();
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('does not poll a settled state', async () => {
    const { r, timers } = renderCard(DEALS.approved);
    await loaded(r);
    // Let passive effects run (a polling state registers its timer in one), then check none is live.
    await r.waitFor(() => expect(r.find(Button).text).toBe('Update opportunity in AWS'));
    await settle();
    expect(timers.filter((t) => !t.stopped)).toEqual([]);
  });

  it('shows server field errors inline after a 422', async () => {
    const api = fakeApi({
      submit: async () => {
        throw new CardApiError({
          status: 422,
          code: 'ACE_MAPPING_INVALID',
          message: 'request has invalid fields',
          fields: { closedate: 'must not be in the past', company: 'needs a website or domain' },
          correlationId: 'c-9',
        });
      },
    });
    const { r } = renderCard({ ...DEALS.ready, govwin_ace_delivery_model: 'SaaS or PaaS' }, api);
    await loaded(r);
    button(r, 'Submit to AWS').trigger('onClick');
    await r.waitFor(() => expect(r.maybeFind(Input, { name: 'closeDate' })).not.toBeNull());
    r.find(Button, (b) => b.text === 'Submit to AWS' && b.props.variant === 'primary').trigger(
      'onClick'
    );
    await r.waitFor(() =>
      expect(r.find(Input, { name: 'closeDate' }).props.validationMessage).toBe(
        'must not be in the past'
      )
    );
    expect(r.find(Alert, { title: 'Fix these before submitting' }).text).toContain(
      'company needs a website'
    );
  });

  it('submitted / in review: shows the AWS id as a Partner Central link and offers updates', async () => {
    const { r } = renderCard(DEALS.inReview);
    await loaded(r);
    expect(badge(r)).toBe('Under AWS review');
    expect(r.find(Link).text).toBe('O1234567');
    expect(allText(r)).toContain('In review');
    expect(button(r, 'Update opportunity in AWS')).toBeDefined();
  });

  it('action required: shows what AWS asked for', async () => {
    const { r } = renderCard(DEALS.actionRequired);
    await loaded(r);
    expect(badge(r)).toBe('Action required');
    expect(r.find(Alert).text).toContain('Add the customer website and a contact.');
  });

  it('approved: shows the stage and opens the update form with the lifecycle stages from the backend', async () => {
    const { r, api } = renderCard(DEALS.approved);
    await loaded(r);
    expect(badge(r)).toBe('Approved by AWS');
    button(r, 'Update opportunity in AWS').trigger('onClick');
    await r.waitFor(() => expect(r.maybeFind(Select, { name: 'lifecycleStage' })).not.toBeNull());
    r.find(Select, { name: 'lifecycleStage' }).trigger('onChange', 'Closed Lost' as never);
    expect(r.find(Select, { name: 'closedLostReason' }).props.required).toBe(true);
    r.find(Button, (b) => b.text === 'Save to AWS').trigger('onClick');
    expect(r.find(Select, { name: 'closedLostReason' }).props.validationMessage).toBe(
      'Choose why the opportunity was lost.'
    );
    r.find(Select, { name: 'closedLostReason' }).trigger('onChange', 'Price' as never);
    r.find(Button, (b) => b.text === 'Save to AWS').trigger('onClick');
    await r.waitFor(() => expect(api.calls.map((c) => c.name)).toContain('update'));
    expect(api.calls.find((c) => c.name === 'update')?.args[1]).toEqual({
      govwin_ace_lifecycle_stage: 'Closed Lost',
      govwin_ace_closed_lost_reason: 'Price',
    });
  });

  it('closed lost: shows the reason and no update button', async () => {
    const { r } = renderCard(DEALS.closedLost);
    await loaded(r);
    expect(badge(r)).toBe('Closed lost');
    expect(allText(r)).toContain('Lost to Competitor');
    expect(r.maybeFind(Button)).toBeNull();
  });

  it('launched: says so and offers no edits', async () => {
    const { r } = renderCard(DEALS.launched);
    await loaded(r);
    expect(badge(r)).toBe('Launched');
    expect(r.maybeFind(Button)).toBeNull();
  });

  it('referral pending: shows the countdown, accepts, and rejects with a reason', async () => {
    const { r, api } = renderCard(DEALS.referralPending);
    await loaded(r);
    expect(badge(r)).toBe('AWS referral');
    expect(r.find(Alert).props.title).toBe('Expires in 3 days 4 hours');
    button(r, 'Reject…').trigger('onClick');
    expect(button(r, 'Reject referral').props.disabled).toBe(true);
    r.find(Input, { name: 'rejectionReason' }).trigger(
      'onChange',
      'No capacity this quarter' as never
    );
    button(r, 'Reject referral').trigger('onClick');
    await r.waitFor(() => expect(api.calls.map((c) => c.name)).toContain('rejectReferral'));
    expect(api.calls.find((c) => c.name === 'rejectReferral')?.args).toEqual([
      '42',
      'engi-0000000000abc',
      'No capacity this quarter',
    ]);
    button(r, 'Cancel').trigger('onClick');
    button(r, 'Accept referral').trigger('onClick');
    await r.waitFor(() => expect(api.calls.map((c) => c.name)).toContain('acceptReferral'));
  });

  it('referral accepting: says AWS is creating the opportunity, re-reads the deal, then shows its review status', async () => {
    // Arrange: the card's accept left the deal ACCEPTING.
    const accepting = { ...DEALS.referralPending, govwin_ace_invitation_status: 'ACCEPTING' };
    const { r, refresh, timers, rerender } = renderCard(accepting);
    await loaded(r);
    const live = () => timers.filter((t) => !t.stopped);

    // Assert 1: the accepted state, with progress, polling every 30 s, no action offered.
    expect(badge(r)).toBe('Referral accepted');
    expect(r.find(LoadingSpinner).props.label).toBe(
      'AWS Partner Central is creating the opportunity for this referral…'
    );
    expect(r.maybeFind(Button)).toBeNull();
    await settle();
    expect(live().map((t) => t.ms)).toEqual([30_000]);
    live()[0]?.fn();
    expect(refresh).toHaveBeenCalledTimes(1);

    // Act: AWS created the opportunity; the integration bound it and mirrored its review status.
    rerender({
      ...accepting,
      govwin_ace_invitation_status: 'ACCEPTED',
      govwin_aws_cosell_id: 'O7654321',
      govwin_aws_cosell_status: 'Submitted',
    });

    // Assert 2: an ordinary submitted deal under AWS review, linked to Partner Central.
    await r.waitFor(() => expect(badge(r)).toBe('Under AWS review'));
    expect(r.find(Link).text).toBe('O7654321');
    expect(r.maybeFind(LoadingSpinner)).toBeNull();
  });

  it('referral accepted without an opportunity: shows what the integration reported instead of progress', async () => {
    const { r } = renderCard({
      ...DEALS.referralPending,
      govwin_ace_invitation_status: 'ACCEPTED',
      govwin_ace_status_note:
        'The AWS referral was already accepted in Partner Central outside HubSpot.',
    });
    await loaded(r);
    expect(badge(r)).toBe('Referral accepted');
    expect(r.maybeFind(LoadingSpinner)).toBeNull();
    expect(r.find(Alert).text).toContain('already accepted in Partner Central outside HubSpot');
  });

  it('referral pending after a failed accept: shows why, and offers Accept again', async () => {
    const { r, api } = renderCard({
      ...DEALS.referralPending,
      govwin_ace_status_note: 'AWS could not accept the referral (InternalError); accept it again',
    });
    await loaded(r);
    expect(badge(r)).toBe('AWS referral');
    expect(r.find(Alert, (a) => a.props.title === 'The last accept did not go through').text).toBe(
      'AWS could not accept the referral (InternalError); accept it again'
    );
    button(r, 'Accept referral').trigger('onClick');
    await r.waitFor(() => expect(api.calls.map((c) => c.name)).toContain('acceptReferral'));
  });

  it('error: a failed action shows the message, the correlation id and a working retry', async () => {
    let attempts = 0;
    const api = fakeApi({
      acceptReferral: async (dealId) => {
        attempts += 1;
        if (attempts === 1)
          throw new CardApiError({
            status: 500,
            code: 'INTERNAL_ERROR',
            message: 'internal error; quote the correlation id',
            correlationId: 'corr-123',
          });
        return { status: 'accepted', dealId };
      },
    });
    const { r } = renderCard(DEALS.referralPending, api);
    await loaded(r);
    button(r, 'Accept referral').trigger('onClick');
    await r.waitFor(() => expect(r.maybeFind(ErrorState)).not.toBeNull());
    expect(allText(r)).toContain('Reference for support: corr-123');
    button(r, 'Try again').trigger('onClick');
    await r.waitFor(() => expect(attempts).toBe(2));
    await r.waitFor(() => expect(r.maybeFind(ErrorState)).toBeNull());
  });

  it('error: a configuration that cannot be loaded offers a retry', async () => {
    let calls = 0;
    const api = fakeApi({
      config: async () => {
        calls += 1;
        throw new CardApiError({ status: 503, code: 'X', message: 'down', correlationId: 'cfg-1' });
      },
    });
    const { r } = renderCard(DEALS.ready, api);
    await loaded(r);
    expect(r.find(Text, (t) => (t.text ?? '').startsWith('Reference')).text).toBe(
      'Reference for support: cfg-1'
    );
    button(r, 'Try again').trigger('onClick');
    await r.waitFor(() => expect(calls).toBe(2));
  });
});
