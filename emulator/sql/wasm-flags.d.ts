/** Turns on V8's lazy validation of WebAssembly functions for this process (idempotent). */
export function lazyWasmValidation(): void;
