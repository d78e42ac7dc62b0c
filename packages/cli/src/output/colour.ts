// ANSI colour, only for an interactive terminal: piped output, --json, NO_COLOR and TERM=dumb get
// plain text (https://no-color.org).
import type { CommandIo } from '../command';

/** Colour functions; identity functions when colour is off. */
export interface Colours {
  enabled: boolean;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const paint = (on: boolean, open: number, close: number) => (text: string) =>
  on ? `\u001b[${open}m${text}\u001b[${close}m` : text;

/** Colours for `enabled`. */
export const makeColours = (enabled: boolean): Colours => ({
  enabled,
  green: paint(enabled, 32, 39),
  red: paint(enabled, 31, 39),
  yellow: paint(enabled, 33, 39),
  dim: paint(enabled, 2, 22),
  bold: paint(enabled, 1, 22),
});

/** True when human output on stdout may be coloured. */
export const colourWanted = (io: CommandIo, json: boolean): boolean =>
  !json && io.stdout.isTTY === true && (io.env.NO_COLOR ?? '') === '' && io.env.TERM !== 'dumb';
