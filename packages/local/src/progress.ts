/** Prints step progress: a live updating line on a TTY, plain lines otherwise. */
export const makeProgress = (out: NodeJS.WriteStream = process.stdout) => {
  const tty = Boolean(out.isTTY) && !process.env.NO_COLOR;
  const color = (code: number, s: string) => (tty ? `\u001b[${code}m${s}\u001b[0m` : s);
  let started = 0;
  let current = '';
  return {
    start: (label: string) => {
      current = label;
      started = Date.now();
      if (tty) out.write(`  ... ${label}`);
    },
    done: (status: 'ok' | 'failed' | 'skipped', detail: string) => {
      const mark =
        status === 'ok'
          ? color(32, 'ok  ')
          : status === 'failed'
            ? color(31, 'FAIL')
            : color(33, 'skip');
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      if (tty) out.write('\r\u001b[2K');
      out.write(
        `  ${mark} ${current}${detail ? ` - ${detail}` : ''}${status === 'skipped' ? '' : ` (${secs} s)`}\n`
      );
    },
    line: (text: string) => out.write(`${text}\n`),
  };
};
export type Progress = ReturnType<typeof makeProgress>;
