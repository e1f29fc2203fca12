import { describe, expect, it } from "vitest";
import { timeAgo } from "./time-ago";

describe("timeAgo", () => {
  const now = new Date("2026-12-04T12:00:00Z");
  const before = (ms: number) => new Date(now.getTime() - ms);
  const MINUTE = 60_000;

  it("says how long ago in the largest whole unit", () => {
    expect(timeAgo(before(20_000), now)).toBe("just now");
    expect(timeAgo(before(MINUTE), now)).toBe("1 minute ago");
    expect(timeAgo(before(59 * MINUTE), now)).toBe("59 minutes ago");
    expect(timeAgo(before(3 * 60 * MINUTE + 5 * MINUTE), now)).toBe("3 hours ago");
    expect(timeAgo(before(30 * 60 * MINUTE), now)).toBe("yesterday");
    expect(timeAgo(before(5 * 24 * 60 * MINUTE), now)).toBe("5 days ago");
    expect(timeAgo(before(65 * 24 * 60 * MINUTE), now)).toBe("2 months ago");
    expect(timeAgo(before(800 * 24 * 60 * MINUTE), now)).toBe("2 years ago");
  });

  it("treats a time slightly ahead of the server's clock as just now", () => {
    expect(timeAgo(new Date(now.getTime() + 5_000), now)).toBe("just now");
  });
});
