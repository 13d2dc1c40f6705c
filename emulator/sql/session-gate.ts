/**
 * Holds a database's other calls back while a Data API session has a transaction open across
 * calls (BEGIN in one ExecuteStatement, COMMIT in a later one, as Redshift allows on a session's
 * connection). PGlite has one backend, so the session owns it until the transaction ends: its own
 * calls pass, everyone else's wait — as they would wait on a lock the transaction holds — until it
 * commits, rolls back, or the session ends (the Data API ends an expired session, which rolls the
 * transaction back). A restarted worker has lost the transaction, so a stop releases the gate.
 */
export class SessionGate {
  #owner: string | undefined;
  #released: Promise<void> = Promise.resolve();
  #release: () => void = () => {};

  /** The session whose open transaction holds the database, if any. */
  get owner(): string | undefined {
    return this.#owner;
  }

  /**
   * Waits until a call of `session` (undefined: a plain or engine call) may run; rejects with
   * `cancelled()` as soon as `signal` aborts (a cancelled statement stops waiting).
   */
  async admit(session: string | undefined, signal?: AbortSignal, cancelled?: () => Error): Promise<void> {
    while (this.#owner !== undefined && this.#owner !== session) {
      if (!signal) {
        await this.#released;
        continue;
      }
      if (signal.aborted) throw cancelled?.() ?? new Error("cancelled");
      let onAbort = () => {};
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(cancelled?.() ?? new Error("cancelled"));
        signal.addEventListener("abort", onAbort, { once: true });
      });
      try {
        await Promise.race([this.#released, aborted]);
      } finally {
        signal.removeEventListener("abort", onAbort);
      }
    }
  }

  /** Records what a session call left behind: a transaction still open holds the gate. */
  settle(session: string, inTransaction: boolean): void {
    if (inTransaction) this.hold(session);
    else if (this.#owner === session) this.free();
  }

  hold(session: string): void {
    if (this.#owner === session) return;
    this.free();
    this.#owner = session;
    this.#released = new Promise((resolve) => {
      this.#release = resolve;
    });
  }

  free(): void {
    if (this.#owner === undefined) return;
    this.#owner = undefined;
    this.#release();
  }
}
