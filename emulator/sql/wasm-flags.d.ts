/** Turns on V8's lazy validation of WebAssembly functions for this process (setting it again changes nothing). */
export function lazyWasmValidation(): void;
