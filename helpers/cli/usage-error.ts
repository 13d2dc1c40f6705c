/** A usage or configuration error: the CLI prints it in one line and exits 2 (nothing was checked). */
export class UsageError extends Error {
  override name = "UsageError";
}
