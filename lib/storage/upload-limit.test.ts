// The refusal people read when a file is too large: the same words in the browser and the server.
import { describe, expect, it } from "vitest";
import { describeLimit, uploadTooLargeMessage } from "./upload-limit";

const MB = 1024 * 1024;
const GB = 1024 * MB;

describe("upload limit messages", () => {
  it.each<[string, number, number | null, string]>([
    ["raw", 5 * GB, Math.round(6.2 * GB), "This file is 6.2 GB; bucket raw accepts uploads up to 5 GB."],
    ["raw", 5 * GB, 5 * GB + 1, "This file is 5.1 GB; bucket raw accepts uploads up to 5 GB."], // never "5 GB … up to 5 GB"
    ["small", MB, MB + 1, "This file is 1.1 MB; bucket small accepts uploads up to 1 MB."],
    ["odd", 1000 * MB, 1000 * MB + 5, "This file is 1,000.1 MB; bucket odd accepts uploads up to 1,000 MB."],
    ["half", 1536 * MB, 2 * GB, "This file is 2 GB; bucket half accepts uploads up to 1.5 GB."],
    ["small", MB, null, "This file is larger than 1 MB; bucket small accepts uploads up to 1 MB."],
  ])("bucket %s, limit %d bytes, file %s bytes", (bucket, limit, size, message) => {
    expect(uploadTooLargeMessage(bucket, limit, size)).toBe(message);
  });

  it("states configured limits exactly", () => {
    expect([5120, 1, 700, 1536, 5_000_000].map((mb) => describeLimit(mb * MB))).toEqual(["5 GB", "1 MB", "700 MB", "1.5 GB", "5,000,000 MB"]);
  });
});
