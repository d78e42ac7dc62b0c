// Renders every state of the deal card from the real components (the same fixtures the component tests use)
// into static HTML with simple CSS, and screenshots each page with headless Chromium into docs/images/.
// NOT part of the test command: it needs Chromium and ImageMagick (`apt-get install -y chromium imagemagick`).
// Usage (from packages/hubspot-app, so tsx uses its tsconfig): npx tsx scripts/render-card-states.tsx [--html-only]
//          [--only=<state>[,<state>…]]  (render only those states, e.g. --only=referral-accepted)
// Output: docs/images/card-<state>.png (and the intermediate HTML in a temp directory).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Button, MultiSelect, StatusTag } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { AceCard } from '../src/app/cards/components/ace-card';
import { CardApiError } from '../src/app/cards/lib/card-api';
import type { DealProps } from '../src/app/cards/lib/deal-props';
import { DEALS, fakeApi, NOW } from '../tests/helpers/card-fixtures';

type Renderer = ReturnType<typeof createRenderer>;
type Node = {
  nodeType: string;
  name?: string;
  props?: Record<string, unknown>;
  text?: string | null;
  childNodes?: Node[];
};

const OUT = fileURLToPath(new URL('../../../docs/images/', import.meta.url));
const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c
  );

const html = (node: Node): string => {
  if (node.nodeType === 'text') return esc(node.text);
  const kids = (node.childNodes ?? []).map(html).join('');
  const p = node.props ?? {};
  switch (node.name) {
    case undefined:
      return kids;
    case 'Flex':
      return `<div class="flex ${p.direction === 'row' ? 'row' : 'col'}">${kids}</div>`;
    case 'Text':
      return `<p class="text ${p.variant ?? ''}">${kids}</p>`;
    case 'Heading':
      return `<h2>${kids}</h2>`;
    case 'StatusTag':
      return `<span class="tag ${p.variant ?? 'default'}">${kids}</span>`;
    case 'Alert':
      return `<div class="alert ${p.variant ?? 'info'}"><strong>${esc(p.title)}</strong><div>${kids}</div></div>`;
    case 'ErrorState':
      return `<div class="error"><strong>${esc(p.title)}</strong>${kids}</div>`;
    case 'Button':
      return `<button class="${p.variant ?? 'secondary'}" ${p.disabled ? 'disabled' : ''}>${kids}</button>`;
    case 'ButtonRow':
      return `<div class="flex row">${kids}</div>`;
    case 'Link':
      return `<a href="#">${kids}</a>`;
    case 'LoadingSpinner':
      return `<div class="spinner"><span class="dot"></span>${esc(p.label)}</div>`;
    case 'DescriptionList':
      return `<dl>${kids}</dl>`;
    case 'DescriptionListItem':
      return `<div class="dli"><dt>${esc(p.label)}</dt><dd>${kids}</dd></div>`;
    case 'Divider':
      return '<hr/>';
    case 'Input':
    case 'TextArea':
      return field(
        p,
        `<div class="input ${node.name === 'TextArea' ? 'area' : ''}">${esc(p.value) || '&nbsp;'}</div>`
      );
    case 'Select': {
      const opt = (p.options as { value: unknown; label: string }[]).find(
        (o) => o.value === p.value
      );
      return field(p, `<div class="input select">${esc(opt?.label ?? '') || '&nbsp;'}</div>`);
    }
    case 'MultiSelect': {
      const values = (p.value as unknown[]) ?? [];
      const labels = (p.options as { value: unknown; label: string }[])
        .filter((o) => values.includes(o.value))
        .map((o) => `<span class="chip">${esc(o.label)}</span>`)
        .join('');
      return field(p, `<div class="input select">${labels || '&nbsp;'}</div>`);
    }
    default:
      return kids;
  }
};

const field = (p: Record<string, unknown>, control: string) =>
  `<label class="field"><span>${esc(p.label)}${p.required ? ' <em>*</em>' : ''}</span>${control}${
    p.validationMessage ? `<span class="invalid">${esc(p.validationMessage)}</span>` : ''
  }</label>`;

const CSS = `body{font-family:"Lexend Deca",Helvetica,Arial,sans-serif;font-size:14px;color:#33475b;background:#f5f8fa;margin:0;padding:16px}
.card{background:#fff;border:1px solid #cbd6e2;border-radius:4px;padding:16px 20px;width:500px;box-sizing:border-box}
.card h1{font-size:14px;margin:0 0 12px;color:#516f90;text-transform:uppercase;letter-spacing:.04em}
.flex{display:flex;gap:10px}.col{flex-direction:column}.row{flex-direction:row;flex-wrap:wrap}
p.text{margin:0;line-height:1.45}p.microcopy{font-size:12px;color:#516f90}h2{font-size:16px;margin:0}
.tag{align-self:flex-start;font-size:12px;font-weight:600;border-radius:3px;padding:2px 8px;border:1px solid}
.tag.default{background:#eaf0f6;border-color:#cbd6e2}.tag.info{background:#e5f5f8;border-color:#7fd1de}
.tag.warning{background:#fef8f0;border-color:#fae0b5}.tag.success{background:#e5f8f6;border-color:#7fded2}
.tag.danger{background:#fde8e9;border-color:#f8a9ad}
.alert{border-left:4px solid #00a4bd;background:#e5f5f8;padding:8px 12px}.alert.warning{border-color:#f5c26b;background:#fef8f0}
.alert.danger{border-color:#f2545b;background:#fde8e9}.alert strong{display:block;margin-bottom:4px}
.error{border:1px solid #f2545b;border-radius:4px;padding:12px;display:flex;flex-direction:column;gap:8px}
button{align-self:flex-start;font:inherit;font-weight:600;border-radius:3px;padding:7px 14px;border:1px solid #cbd6e2;background:#eaf0f6;color:#33475b}
button.primary{background:#ff7a59;border-color:#ff7a59;color:#fff}button.destructive{background:#f2545b;border-color:#f2545b;color:#fff}
button[disabled]{opacity:.5}a{color:#0091ae;font-weight:600}
.spinner{display:flex;align-items:center;gap:8px}.dot{width:14px;height:14px;border-radius:50%;border:3px solid #cbd6e2;border-top-color:#ff7a59}
dl{display:flex;gap:24px;margin:0}dt{font-size:12px;color:#516f90}dd{margin:2px 0 0}
hr{border:0;border-top:1px solid #eaf0f6;width:100%;margin:2px 0}
.field{display:flex;flex-direction:column;gap:4px}.field>span:first-child{font-size:12px;font-weight:600}.field em{color:#f2545b;font-style:normal}
.input{border:1px solid #cbd6e2;border-radius:3px;padding:6px 8px;background:#f5f8fa;min-height:18px}.input.area{min-height:40px}
.chip{display:inline-block;background:#eaf0f6;border:1px solid #cbd6e2;border-radius:3px;padding:0 6px;margin:0 4px 2px 0;font-size:12px}
.invalid{color:#f2545b;font-size:12px}`;

const render = (properties: DealProps, api = fakeApi()): Renderer => {
  const r = createRenderer('crm.record.tab');
  r.render(
    <AceCard
      dealId="42"
      properties={properties}
      propertiesLoading={false}
      refresh={async () => undefined}
      api={api}
      now={() => NOW}
      every={() => () => undefined}
    />
  );
  return r;
};
const ready = (r: Renderer) => r.waitFor(() => void r.find(StatusTag));

const STATES: [string, () => Promise<Renderer>][] = [
  [
    'not-eligible',
    async () => {
      const r = render(DEALS.notEligible);
      await ready(r);
      return r;
    },
  ],
  [
    'ready',
    async () => {
      const r = render(DEALS.ready);
      await ready(r);
      return r;
    },
  ],
  [
    'form',
    async () => {
      const r = render({
        ...DEALS.ready,
        govwin_ace_delivery_model: 'Professional Services',
        govwin_ace_aws_products: 'AmazonEC2;AmazonS3',
      });
      await ready(r);
      r.find(Button, (b) => b.text === 'Submit to AWS').trigger('onClick');
      await r.waitFor(() => void r.find(MultiSelect, { name: 'awsProducts' }));
      return r;
    },
  ],
  [
    'submitting',
    async () => {
      const r = render(DEALS.submitting);
      await ready(r);
      return r;
    },
  ],
  [
    'in-review',
    async () => {
      const r = render(DEALS.inReview);
      await ready(r);
      return r;
    },
  ],
  [
    'action-required',
    async () => {
      const r = render(DEALS.actionRequired);
      await ready(r);
      return r;
    },
  ],
  [
    'approved',
    async () => {
      const r = render(DEALS.approved);
      await ready(r);
      return r;
    },
  ],
  [
    'closed-lost',
    async () => {
      const r = render(DEALS.closedLost);
      await ready(r);
      return r;
    },
  ],
  [
    'launched',
    async () => {
      const r = render(DEALS.launched);
      await ready(r);
      return r;
    },
  ],
  [
    'referral-pending',
    async () => {
      const r = render(DEALS.referralPending);
      await ready(r);
      return r;
    },
  ],
  [
    'referral-accepted',
    async () => {
      // Right after Accept: the card's accept left the invitation ACCEPTING until AWS creates the opportunity.
      const r = render({ ...DEALS.referralPending, govwin_ace_invitation_status: 'ACCEPTING' });
      await ready(r);
      return r;
    },
  ],
  [
    'error',
    async () => {
      const api = fakeApi({
        acceptReferral: async () => {
          throw new CardApiError({
            status: 500,
            code: 'INTERNAL_ERROR',
            message: 'internal error; quote the correlation id',
            correlationId: '6f1c2a9e-41d7-4c1b-9a55-0d7be1c3a2f4',
          });
        },
      });
      const r = render(DEALS.referralPending, api);
      await ready(r);
      r.find(Button, (b) => b.text === 'Accept referral').trigger('onClick');
      await r.waitFor(() => void r.find(Button, (b) => b.text === 'Try again'));
      return r;
    },
  ],
];

const main = async () => {
  const htmlOnly = process.argv.includes('--html-only');
  const onlyArg = process.argv.find((a) => a.startsWith('--only='));
  const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : undefined;
  const unknown = [...(only ?? [])].filter((n) => !STATES.some(([name]) => name === n));
  if (unknown.length > 0) throw new Error(`unknown state(s): ${unknown.join(', ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'card-states-'));
  mkdirSync(OUT, { recursive: true });
  for (const [name, make] of STATES) {
    if (only && !only.has(name)) continue;
    const r = await make();
    const body = html(r.getRootNode() as unknown as Node);
    const page = `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body><div class="card"><h1>AWS co-sell</h1>${body}</div></body></html>`;
    const file = join(dir, `card-${name}.html`);
    writeFileSync(file, page);
    const png = join(OUT, `card-${name}.png`);
    if (!htmlOnly) {
      // A tall viewport, then ImageMagick trims the empty page around the card.
      execFileSync(
        'chromium',
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--hide-scrollbars',
          '--window-size=600,2200',
          `--screenshot=${png}`,
          `file://${file}`,
        ],
        { stdio: 'ignore' }
      );
      execFileSync('convert', [
        png,
        '-trim',
        '+repage',
        '-bordercolor',
        '#f5f8fa',
        '-border',
        '12',
        '-strip',
        png,
      ]);
    }
    console.log(`${name}: ${htmlOnly ? file : png}`);
  }
};

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
