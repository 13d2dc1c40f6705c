import { describe, expect, it } from "vitest";
import { pollDelay } from "../../../helpers/chain/statement.ts";

describe("pollDelay", () => {
  it("polls a short statement at 10, 20, 50 and 100 ms before backing off", () => {
    expect([0, 1, 2, 3].map((polls) => pollDelay(polls, 0))).toEqual([10, 20, 50, 100]);
  });

  it("then waits a fifth of the elapsed time, no less than 200 ms and no more than 1 s", () => {
    expect(pollDelay(4, 180)).toBe(200);
    expect(pollDelay(5, 2_000)).toBe(400);
    expect(pollDelay(9, 60_000)).toBe(1000);
  });

  it("makes at most one call per 200 ms once past the first polls", () => {
    for (let polls = 4; polls < 200; polls++)
      expect(pollDelay(polls, polls * 137)).toBeGreaterThanOrEqual(200);
  });
});
