import { defineFixRuns } from "./fix-runs.ts";

defineFixRuns(0);
