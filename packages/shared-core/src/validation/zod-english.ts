// Lambda code validates with `zod/mini` (same checks and issue codes as classic zod, a small fraction of its
// bundle size and import time). Unlike classic zod, `zod/mini` installs no message locale, so every default
// message would read "Invalid input". Parsers whose one-line errors carry zod's default messages call
// useEnglishZodMessages() first; it installs the English messages classic zod installs on import.
import * as z from 'zod/mini';

let installed = false;

/**
 * Installs zod's English default messages once per process (cheap to call before every parse).
 * @example useEnglishZodMessages(); const result = z.safeParse(schema, value);
 */
export const useEnglishZodMessages = (): void => {
  if (installed) return;
  z.config(z.locales.en());
  installed = true;
};
