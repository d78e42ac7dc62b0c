// Free text from GovWin (descriptions, analyst notes) arrives as HTML. HubSpot shows plain text, so
// tags are removed, entities decoded and whitespace tidied before the value is capped.

/** HubSpot's per-value cap for string properties. */
export const HUBSPOT_TEXT_MAX = 65_536;

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
};

const decodeEntity = (entity: string, body: string): string => {
  if (body.startsWith('#')) {
    const code =
      body[1] === 'x' || body[1] === 'X'
        ? Number.parseInt(body.slice(2), 16)
        : Number.parseInt(body.slice(1), 10);
    const valid =
      Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : entity;
  }
  return NAMED[body.toLowerCase()] ?? entity;
};

/**
 * Turns GovWin HTML into plain text: drops script/style blocks and tags, turns block ends into line
 * breaks, decodes entities, removes control characters, collapses blank runs, trims, and caps the
 * length (at a code-point boundary).
 * @example htmlToText('<p>Cloud &amp; data</p><p>migration</p>') // 'Cloud & data\nmigration'
 */
export const htmlToText = (html: string, max = HUBSPOT_TEXT_MAX): string => {
  const text = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6])\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);/g, (entity, body: string) =>
      decodeEntity(entity, body)
    )
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return capText(text, max);
};

/** Caps `text` at `max` UTF-16 units without splitting a surrogate pair. */
export const capText = (text: string, max: number): string => {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
};
