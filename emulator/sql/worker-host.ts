/**
 * Owns the worker thread of one database: spawns it lazily, serialises calls (PGlite has one
 * session, so calls queue), and cancels.
 *
 * Cancellation: PGlite runs a statement synchronously inside WebAssembly and offers no cancel
 * request; Postgres' statement_timeout relies on a timer callback that cannot fire while the
 * worker's event loop is blocked. So aborting a *running* call terminates the worker; the next
 * call spawns a new one and `init` brings it back to the database's last saved state (seed or
 * checkpoint), losing changes made since. Aborting a call still waiting in the queue just removes it.
 *
 * The worker is `ref`'d only while a call is in flight, so an idle engine never keeps the process
 * alive, and a pending call never lets it exit early.
 *
 * close() terminates the worker without shutting PGlite down first: the database lives in the
 * worker's memory only, so a clean Postgres shutdown (a checkpoint, the files synced) writes
 * nothing anyone reads, and skipping it takes that time off the end of every run.
 */
import { type TransferListItem, Worker } from "node:worker_threads";
import type { WorkerError, WorkerReply, WorkerRequest, WorkerResponse } from "./worker-protocol.ts";

export type Send = (request: WorkerRequest, transfer?: TransferListItem[]) => Promise<WorkerReply>;

export interface WorkerHostOptions {
  /** Brings a fresh worker to the database's saved state (`adopted`: the worker came from `adopt`). */
  init: (send: Send, adopted: boolean) => Promise<void>;
  /** The error a cancelled call rejects with. */
  cancelled: () => Error;
  /** Turns a worker-side error into the caller's error type. */
  failed: (error: WorkerError) => Error;
  /** A worker already started for this host (early-start.js), used instead of spawning one. */
  adopt?: () => Worker | undefined;
  /** Called before a worker is spawned and after it stops (maxWorkers accounting). */
  onSpawn?: () => Promise<void>;
  onStop?: () => void;
}

const WORKER_URL = new URL("./sql-worker.js", import.meta.url);

export class WorkerHost {
  readonly #options: WorkerHostOptions;
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  #tail: Promise<unknown> = Promise.resolve();
  #pending = new Map<
    number,
    {
      resolve: (r: WorkerReply) => void;
      reject: (e: Error) => void;
      /** Row slices (JSON) of big results received ahead of the reply, by result index. */
      rows?: Map<number, string[]>;
    }
  >();
  #nextId = 1;
  #queued = 0;
  #closed = false;
  lastUsed = 0;

  constructor(options: WorkerHostOptions) {
    this.#options = options;
  }

  get live(): boolean {
    return this.#worker !== undefined;
  }

  get idle(): boolean {
    return this.#queued === 0;
  }

  /** Queues one request; it runs after every earlier one has settled. */
  run(
    request: WorkerRequest,
    options: { signal?: AbortSignal; transfer?: TransferListItem[] } = {},
  ): Promise<WorkerReply> {
    if (this.#closed) return Promise.reject(new Error("SQL engine is closed"));
    const { signal, transfer } = options;
    this.#queued++;
    const job = this.#tail.then(async () => {
      if (signal?.aborted) throw this.#options.cancelled();
      if (this.#closed) throw new Error("SQL engine is closed");
      await this.#ensureWorker();
      return this.#sendCancellable(request, transfer, signal);
    });
    const settled = job.finally(() => {
      this.#queued--;
      this.lastUsed = Date.now();
    });
    this.#tail = settled.catch(() => undefined);
    return settled;
  }

  /** Terminates the worker once the queue is empty; the next call spawns a new one via `init`. */
  async stop(): Promise<void> {
    await this.#tail;
    await this.#terminate();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#tail;
    this.#closed = true;
    await this.#terminate();
  }

  async #ensureWorker(): Promise<void> {
    if (!this.#ready) {
      this.#ready = (async () => {
        await this.#options.onSpawn?.();
        const adopted = this.#spawn();
        await this.#options.init((request, transfer) => this.#send(request, transfer), adopted);
      })();
      this.#ready.catch(() => {
        this.#ready = undefined;
        void this.#terminate();
      });
    }
    return this.#ready;
  }

  /** Starts (or adopts) the worker; whether it was adopted. */
  #spawn(): boolean {
    const adopted = this.#options.adopt?.();
    const worker = adopted ?? new Worker(WORKER_URL);
    worker.unref();
    const fail = (error: Error) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      this.#ready = undefined;
      this.#options.onStop?.();
      for (const { reject } of this.#pending.values()) reject(error);
      this.#pending.clear();
    };
    worker.on("message", (message: WorkerResponse) => {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      if ("rows" in message) {
        const slices = pending.rows ?? new Map<number, string[]>();
        pending.rows = slices;
        const list = slices.get(message.rows.result) ?? [];
        list.push(message.rows.json);
        slices.set(message.rows.result, list);
        return;
      }
      this.#pending.delete(message.id);
      if (message.ok && pending.rows) {
        for (const [index, slices] of pending.rows) {
          const result = message.result.results?.[index];
          if (result) result.rowSlices = slices;
        }
      }
      if (this.#pending.size === 0) worker.unref();
      if (message.ok) pending.resolve(message.result);
      else pending.reject(this.#options.failed(message.error));
    });
    worker.on("error", (error) => fail(error));
    worker.on("exit", (code) => fail(new Error(`SQL worker exited with code ${code}`)));
    this.#worker = worker;
    return adopted !== undefined;
  }

  #send(request: WorkerRequest, transfer: TransferListItem[] = []): Promise<WorkerReply> {
    const worker = this.#worker;
    if (!worker) return Promise.reject(new Error("SQL worker is not running"));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, ...request }, transfer);
    });
  }

  async #sendCancellable(
    request: WorkerRequest,
    transfer: TransferListItem[] | undefined,
    signal: AbortSignal | undefined,
  ): Promise<WorkerReply> {
    if (!signal) return this.#send(request, transfer);
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        reject(this.#options.cancelled());
        void this.#terminate();
      };
      signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      return await Promise.race([this.#send(request, transfer), aborted]);
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
  }

  async #terminate(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = undefined;
    this.#ready = undefined;
    for (const { reject } of this.#pending.values()) reject(this.#options.cancelled());
    this.#pending.clear();
    await worker.terminate();
    this.#options.onStop?.();
  }
}
