import { describe, expect, it } from "vitest";
import { binLabel, percent, profileAge, samplingText } from "./profile-format";

describe("profile words", () => {
  it("labels bins in the column's own terms", () => {
    expect(binLabel("integer", { from: 1, to: 101, count: 3 })).toBe("1 – 100");
    expect(binLabel("integer", { from: 7, to: 8, count: 3 })).toBe("7");
    expect(binLabel("date", { from: 19723, to: 19725, count: 1 })).toBe("2024-01-01 – 2024-01-02");
    expect(binLabel("timestamp", { from: 1714521600, to: 1714525200, count: 1 })).toBe("2024-05-01 00:00 – 2024-05-01 01:00");
    expect(binLabel("numeric", { from: 0.5, to: 1.25, count: 1 })).toBe("0.5 – 1.25");
  });

  it("says how the rows were chosen and how old the profile is", () => {
    expect(samplingText({ sampling: "bernoulli", samplePercent: 41.666, sampledRows: 500_123, tableRows: 1_200_000 })).toBe("a 41.7% random sample: 500,123 of 1,200,000 rows");
    expect(samplingText({ sampling: "system", samplePercent: 0.05, sampledRows: 498_000, tableRows: 1_000_000_000 })).toBe(
      "a 0.05% sample of whole splits: 498,000 of 1,000,000,000 rows",
    );
    expect(samplingText({ sampling: "full", samplePercent: null, sampledRows: 2000, tableRows: 2000 })).toBe("all 2,000 rows");
    const now = Date.parse("2026-12-04T12:00:00Z");
    expect(profileAge("2026-12-04T11:59:30Z", now)).toBe("just now");
    expect(profileAge("2026-12-04T11:00:00Z", now)).toBe("1 hour ago");
    expect(profileAge("2026-12-01T12:00:00Z", now)).toBe("3 days ago");
    expect([percent(0), percent(0.25), percent(0.0004), percent(0.05)]).toEqual(["0%", "25%", "<0.1%", "5.0%"]);
  });
});
