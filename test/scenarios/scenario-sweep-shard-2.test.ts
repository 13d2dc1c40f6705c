import { defineFixRuns } from "../helpers/fix/fix-runs.ts";
import { defineRoundTrips } from "../twin/round-trip-runs.ts";
import { defineScenarioRuns } from "./scenario-runs.ts";
import { scenarioSweep } from "./scenario-sweep.ts";

const sweep = scenarioSweep(1);
defineScenarioRuns(sweep);
defineFixRuns(sweep);
defineRoundTrips(sweep);
