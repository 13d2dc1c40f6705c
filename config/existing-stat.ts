/** What is at a path, or undefined when nothing is (also when a file stands where a directory
 *  should be: `file.txt/x` is "not there", not an ENOTDIR crash). */
import { type Stats, statSync } from "node:fs";

export function existingStat(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
