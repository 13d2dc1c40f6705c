/** Decision traces for the debug endpoint (GET /_chaincheck/decisions); bounded, oldest dropped first. */
import type { DecisionLogEntry } from "../core/types.ts";

export class DecisionLog {
  private readonly entries: DecisionLogEntry[] = [];

  constructor(private readonly limit = 1000) {}

  record(entry: DecisionLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  list(): readonly DecisionLogEntry[] {
    return this.entries;
  }
}
