/** `npm run bench`: every benchmark in one run, side by side; prints medians. */
import { runEmulatorBench } from "./emulator.bench.ts";
import { runPolicyBench } from "./policy-engine.bench.ts";

console.log(`chaincheck benchmarks — node ${process.version}, ${new Date().toISOString()}`);
await runPolicyBench();
await runEmulatorBench();
