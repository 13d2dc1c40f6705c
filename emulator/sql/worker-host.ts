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
 * close() and stop() end the database without shutting PGlite down first: the database lives in
 * the worker's memory only, so a clean Postgres shutdown (a checkpoint, the files synced) writes
 * nothing anyone reads, and skipping it takes that time off the end of every run.
 *
 * Spare workers: a worker whose database ended normally (close, stop; not a cancel or a crash) is
 * told to drop its PGlite instance (`release`) and kept, up to MAX_SPARE per process, for the next
 * database of any engine in the process: a new thread costs Node's bootstrap and a compile of
 * PGlite's JavaScript, and a thread that has opened a database before opens the next with its
 * code already optimised. The next `open` loads afresh, as in a new thread; nothing of the old
 * database is kept (sql-worker.js). A spare that exits leaves the pool.
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

/** The id of a `release` message: hosts number their requests from 1, so no host waits on its reply. */
const RELEASE_ID = 0;

/** Idle workers kept for the next database (two: the sweep and a matrix open two at a time). */
const MAX_SPARE = 2;
const spareWorkers: { worker: Worker; onExit: () => void }[] = [];

function keepSpare(worker: Worker): boolean {
  if (spareWorkers.length >= MAX_SPARE) return false;
  const spare = {
    worker,
    onExit: () => {
      const index = spareWorkers.indexOf(spare);
      if (index !== -1) spareWorkers.splice(index, 1);
    },
  };
  spareWorkers.push(spare);
  worker.once("exit", spare.onExit);
  return true;
}

/** The thread ids of the spare workers, oldest first. */
export function spareWorkerIds(): number[] {
  return spareWorkers.map(({ worker }) => worker.threadId);
}

/** Terminates the spare workers (they are unref'd, so a process exits without this); how many. */
export async function endSpareWorkers(): Promise<number> {
  const spares = spareWorkers.splice(0);
  await Promise.all(spares.map(({ worker }) => worker.terminate()));
  return spares.length;
}

/** A spare worker, or a new one. */
function takeWorker(): Worker {
  const spare = spareWorkers.pop();
  if (!spare) return new Worker(WORKER_URL);
  spare.worker.off("exit", spare.onExit);
  return spare.worker;
}

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
  /** Removes this host's listeners from its worker (before the worker is kept as a spare). */
  #detach: (() => void) | undefined;
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

  /** Ends the worker's database once the queue is empty; the next call starts one via `init`. */
  async stop(): Promise<void> {
    await this.#tail;
    await this.#end();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#tail;
    this.#closed = true;
    await this.#end();
  }

  /** With the queue empty: a worker whose database opened is told to drop it and kept as a
   *  spare if there is room; otherwise terminated. The release is not waited for: the worker
   *  answers messages in order, so the next host's `open` runs after it, and its reply carries
   *  an id no host uses. */
  async #end(): Promise<void> {
    const worker = this.#worker;
    const ready = this.#ready;
    if (!worker || !ready || spareWorkers.length >= MAX_SPARE) return this.#terminate();
    const opened = await ready.then(
      () => true,
      () => false,
    );
    if (!opened || this.#worker !== worker || this.#pending.size > 0) return this.#terminate();
    this.#worker = undefined;
    this.#ready = undefined;
    this.#detach?.();
    this.#detach = undefined;
    worker.postMessage({ id: RELEASE_ID, op: "release" } satisfies WorkerRequest & { id: number });
    worker.unref();
    if (!keepSpare(worker)) await worker.terminate();
    this.#options.onStop?.();
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
    const worker = adopted ?? takeWorker();
    worker.unref();
    const fail = (error: Error) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      this.#ready = undefined;
      this.#options.onStop?.();
      for (const { reject } of this.#pending.values()) reject(error);
      this.#pending.clear();
    };
    const onMessage = (message: WorkerResponse) => {
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
    };
    const onError = (error: Error) => fail(error);
    const onExit = (code: number) => fail(new Error(`SQL worker exited with code ${code}`));
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    this.#detach = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
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
