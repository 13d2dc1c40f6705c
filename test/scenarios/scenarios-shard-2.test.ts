import { defineScenarioRuns } from "./scenario-runs.ts";

defineScenarioRuns(1);
