/**
 * Colours for the console report: only when the stream is a terminal, and never with `NO_COLOR`
 * set (https://no-color.org); `FORCE_COLOR` (non-empty, not "0") turns them on anyway, as most
 * CLIs do. Plain text otherwise, so piped output and CI logs stay free of escape codes.
 */

export interface Style {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export const COLOR: Style = {
  green: sgr(32, 39),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  dim: sgr(2, 22),
  bold: sgr(1, 22),
};

const same = (text: string) => text;
export const PLAIN: Style = { green: same, red: same, yellow: same, dim: same, bold: same };

export function useColor(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined> = process.env,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true;
}
