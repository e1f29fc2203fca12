// The expected next run from a job's recent scheduled start times.
import { describe, expect, it } from "vitest";
import { cadenceOf } from "./cadence";

const hour = 3_600_000;
const at = (h: number) => new Date(Date.UTC(2026, 11, 1) + h * hour);

describe("cadenceOf", () => {
  it("expects the next run one median interval after the last, whatever the order given", () => {
    expect(cadenceOf([at(2), at(0), at(1), at(3)], at(3.5))).toEqual({ intervalMs: hour, expectedNextAt: at(4), late: false });
  });
  it("is not moved by one manual re-run or one missed run", () => {
    expect(cadenceOf([at(0), at(1), at(1.1), at(2), at(4), at(5), at(6)], at(6))?.intervalMs).toBe(hour);
  });
  it("is late once a tenth of the interval has passed without the run", () => {
    expect(cadenceOf([at(0), at(1), at(2)], at(3.05))?.late).toBe(false);
    expect(cadenceOf([at(0), at(1), at(2)], at(3.2))?.late).toBe(true);
  });
  it("needs three distinct runs", () => {
    expect(cadenceOf([at(0), at(1)])).toBeNull();
    expect(cadenceOf([at(0), at(0), at(0)])).toBeNull();
  });
});
