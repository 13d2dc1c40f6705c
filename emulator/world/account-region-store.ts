/**
 * Per-(account, region) state of a regional service, the way AWS partitions it: every lookup
 * names the account and region it looks in, so a resource in another account or region is simply
 * not there. A slot is created on first use by the service's `create` (which seeds it from the
 * setup), so a world that never touches a service never builds its state.
 *
 *   const clusters = new AccountRegionStore((account, region) => seedClusters(world, account, region));
 *   clusters.get("222222222222", "ap-northeast-1").get("chaincheck-cluster");
 *
 * Global services (IAM, STS) are not kept here: their state is keyed by account only (IamStore,
 * CredentialStore). S3 bucket names are global to the partition, so S3 keeps one store per world.
 */
export class AccountRegionStore<T> {
  readonly #slots = new Map<string, T>();

  constructor(private readonly create: (account: string, region: string) => T) {}

  /** The slot of (account, region), created and seeded on first use. */
  get(account: string, region: string): T {
    const key = `${account}/${region}`;
    let slot = this.#slots.get(key);
    if (slot === undefined) {
      slot = this.create(account, region);
      this.#slots.set(key, slot);
    }
    return slot;
  }

  /** The slots created so far (never creates one). */
  created(): T[] {
    return [...this.#slots.values()];
  }
}
