// emulator/sql/wasm-flags.js: V8 validates a WebAssembly function at its first call, not at the
// module's compile (PGlite's 9 MB module is compiled once per process, mostly never called).
import { describe, expect, test } from "vitest";
import { lazyWasmValidation } from "../../../emulator/sql/wasm-flags.js";

// One exported function `f` of type () -> () whose body leaves an i32 on the stack: invalid.
const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const TYPES = [0x01, 0x04, 0x01, 0x60, 0x00, 0x00]; // () -> ()
const FUNCTIONS = [0x03, 0x02, 0x01, 0x00]; // one, of type 0
const EXPORTS = [0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00]; // "f" = function 0
const CODE = [0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x00, 0x0b]; // no locals; i32.const 0; end
const INVALID_FUNCTION = new Uint8Array([...HEADER, ...TYPES, ...FUNCTIONS, ...EXPORTS, ...CODE]);

// The project's `lib` setting types WebAssembly's namespace but not its global value.
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
  CompileError: new () => Error;
}

describe("lazy validation of WebAssembly functions", () => {
  test("a module compiles without its functions validated; an invalid one throws its CompileError at its first call", () => {
    lazyWasmValidation();
    lazyWasmValidation();
    const module = new wasm.Module(INVALID_FUNCTION);
    const { f } = new wasm.Instance(module).exports as { f: () => void };
    expect(f).toThrow(wasm.CompileError);
  });
});
