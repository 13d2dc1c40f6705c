import { defineRoundTrips } from "./round-trip-runs.ts";

defineRoundTrips(0);
