/**
 * Every access key the emulator issued: long-term user keys (AKIA…) and STS session keys (ASIA…)
 * with their secret, session token and expiration. The pipeline verifies SigV4 against the secret
 * and rejects expired sessions (`ExpiredToken`); secrets never appear in logs or errors.
 */
import type { CredentialRecord } from "../core/types.ts";

export class CredentialStore {
  private readonly records = new Map<string, CredentialRecord>();

  add(record: CredentialRecord): CredentialRecord {
    this.records.set(record.accessKeyId, record);
    return record;
  }

  find(accessKeyId: string): CredentialRecord | undefined {
    return this.records.get(accessKeyId);
  }

  remove(accessKeyId: string): void {
    this.records.delete(accessKeyId);
  }

  /** Sessions currently held, newest last (for the debug endpoint and tests). */
  all(): CredentialRecord[] {
    return [...this.records.values()];
  }
}
