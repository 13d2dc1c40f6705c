/** `npm run bench`: every benchmark in one run, side by side; prints medians. */
import { runCliBench } from "./cli.bench.ts";
import { runCopyLambdaBench } from "./copy-lambda.bench.ts";
import { runDataApiBench } from "./data-api.bench.ts";
import { runDiagnoseBench } from "./diagnose.bench.ts";
import { runEmulatorBench } from "./emulator.bench.ts";
import { runFleetBench } from "./fleet.bench.ts";
import { runFleetDatabasesBench } from "./fleet-databases.bench.ts";
import { runHarnessBench } from "./harness.bench.ts";
import { runMotoPeerBench } from "./moto-peer.bench.ts";
import { runPolicyBench } from "./policy-engine.bench.ts";
import { runScenariosBench } from "./scenarios.bench.ts";
import { runSqlEngineBench } from "./sql-engine.bench.ts";
import { runTwinBench } from "./twin-round-trip.bench.ts";

console.log(`chaincheck benchmarks — node ${process.version}, ${new Date().toISOString()}`);
await runPolicyBench();
await runEmulatorBench();
await runMotoPeerBench();
await runSqlEngineBench();
await runDataApiBench();
await runCopyLambdaBench();
await runScenariosBench();
await runTwinBench();
await runHarnessBench();
await runDiagnoseBench();
await runCliBench();
await runFleetDatabasesBench();
await runFleetBench();
