// The as-of picker's text ↔ instant, in the time zones a browser may be in (Node reads TZ again
// when it changes): the instant sent to the server is the wall-clock time the user picked, the
// text shown for a shared link is that link's instant in the reader's zone, and partial or
// impossible times send nothing (new Date() of an impossible one throws on toISOString()).
import { afterAll, describe, expect, it } from "vitest";
import { fromLocalInput, sameSecond, toLocalInput } from "./as-of-input";

const original = process.env.TZ;
afterAll(() => {
  process.env.TZ = original;
});

describe.each(["UTC", "America/New_York", "Europe/Paris", "Asia/Kolkata", "Pacific/Chatham"])("in %s", (zone) => {
  const inZone = () => {
    process.env.TZ = zone;
  };

  it("reads the picked wall-clock time in the browser's zone", () => {
    inZone();
    const iso = fromLocalInput("2026-12-03T09:30:05")!;
    const back = new Date(iso);
    expect([back.getFullYear(), back.getMonth(), back.getDate(), back.getHours(), back.getMinutes(), back.getSeconds()]).toEqual([2026, 11, 3, 9, 30, 5]);
    // Chrome's value without seconds (they were 0) names the same instant.
    expect(fromLocalInput("2026-12-03T09:30")).toBe(fromLocalInput("2026-12-03T09:30:00"));
  });

  it("shows a shared instant as the reader's local time and reads it back to the same second", () => {
    inZone();
    const shared = "2026-07-14T23:59:58.750Z";
    const text = toLocalInput(shared);
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(Date.parse(fromLocalInput(text)!)).toBe(Date.parse("2026-07-14T23:59:58.000Z"));
    expect(sameSecond(text, shared)).toBe(true);
    expect(sameSecond(text, "2026-07-14T23:59:59.000Z")).toBe(false);
  });

  it("sends nothing for partial or impossible times", () => {
    inZone();
    for (const partial of ["", "2026-12-03", "2026-12-03T", "2026-12-03T9:30", "2026-02-30T10:00", "2026-12-03T24:00", "garbage"]) {
      expect(fromLocalInput(partial), partial).toBeNull();
    }
  });
});

it("refuses a local time that a daylight-saving jump skips, instead of moving it an hour", () => {
  process.env.TZ = "Europe/Paris";
  expect(fromLocalInput("2026-03-29T02:30")).toBeNull();
  expect(fromLocalInput("2026-03-29T03:30")).toBe("2026-03-29T01:30:00.000Z");
});
