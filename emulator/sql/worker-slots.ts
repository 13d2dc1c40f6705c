/**
 * Caps how many database workers are alive at once (each PGlite instance holds ~200 MB). When the
 * cap is reached, the least recently used idle database is hibernated (checkpoint + stop) to make
 * room; if every live database is busy, the new one waits for a slot.
 */
import type { Database } from "./database.ts";

const WAIT_MS = 20;

export class WorkerSlots {
  readonly #max: number;
  readonly #live = new Set<Database>();
  readonly #all: () => Iterable<Database>;

  constructor(max: number, all: () => Iterable<Database>) {
    if (!(max >= 1)) throw new Error(`maxWorkers must be at least 1, got ${max}`);
    this.#max = max;
    this.#all = all;
  }

  async acquire(db: Database): Promise<void> {
    while (this.#live.size >= this.#max) {
      const victim = [...this.#all()]
        .filter((d) => d !== db && d.live && d.idle)
        .sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (victim) await victim.hibernate();
      else await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    }
    this.#live.add(db);
  }

  release(db: Database): void {
    this.#live.delete(db);
  }
}
