// V8 compiles a WebAssembly module's functions lazily (on first call) but validates every function
// when the module is compiled, unless told to validate each one at its own first compile. PGlite's
// module is 9 MB of code, most of which Postgres never calls here: its validation was about 40 ms
// of CPU (20 ms of wall) of each compile, once per process and on the early start's path. A
// function that fails validation would then throw its CompileError at its first call instead of at
// the compile; the module comes from the locked @electric-sql/pglite package. V8's flags are the
// process's, so one call serves every thread.
//
// Plain JavaScript, called before each compile site: early-start.js (loaded before the CLI,
// without a TypeScript loader), sql-engine.ts, and sql-worker.js (its own compiles and PGlite's in
// template builds).
import { setFlagsFromString } from "node:v8";

/** Turns on V8's lazy validation of WebAssembly functions for this process (setting it again
 *  changes nothing). */
export function lazyWasmValidation() {
  setFlagsFromString("--wasm-lazy-validation");
}
