import { describe, expect, it } from "vitest";
import { chooseEncoding } from "./accept-encoding";

const both = ["br", "gzip"] as const;

describe("chooseEncoding", () => {
  it("sends brotli to browsers that list it after gzip without weights (Chromium, Firefox)", () => {
    expect(chooseEncoding("gzip, deflate, br, zstd", both)).toBe("br");
    expect(chooseEncoding("gzip, deflate, br", both)).toBe("br");
  });

  it("sends gzip where brotli is not accepted or not available", () => {
    expect(chooseEncoding("gzip, deflate", both)).toBe("gzip");
    expect(chooseEncoding("gzip, deflate, br", ["gzip"])).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip", both)).toBe("gzip");
  });

  it("honours the client's weights over the server's preference", () => {
    expect(chooseEncoding("br;q=0.5, gzip;q=0.9", both)).toBe("gzip");
    expect(chooseEncoding("br;q=1.0, gzip;q=0.1", both)).toBe("br");
    expect(chooseEncoding("gzip;q=0.1", both)).toBe("gzip"); // over the unnamed identity
    expect(chooseEncoding("identity, gzip;q=0.5", both)).toBe("identity");
  });

  it("sends the file as it is without a header, with an empty one, or when only identity is named", () => {
    expect(chooseEncoding(undefined, both)).toBe("identity");
    expect(chooseEncoding("", both)).toBe("identity");
    expect(chooseEncoding("identity", both)).toBe("identity");
    expect(chooseEncoding("deflate", both)).toBe("identity");
  });

  it("reads `*` as every encoding not named", () => {
    expect(chooseEncoding("*", both)).toBe("br");
    expect(chooseEncoding("br;q=0, *", both)).toBe("gzip");
    expect(chooseEncoding("gzip;q=0.5, *;q=0", ["gzip"])).toBe("gzip");
  });

  it("returns null when everything available is refused", () => {
    expect(chooseEncoding("br;q=0, gzip;q=0, identity;q=0", both)).toBeNull();
    expect(chooseEncoding("*;q=0", both)).toBeNull();
    expect(chooseEncoding("zstd, identity;q=0", both)).toBeNull();
  });

  it("treats a malformed weight as a refusal, not as full acceptance", () => {
    expect(chooseEncoding("br;q=2, gzip", both)).toBe("gzip");
    expect(chooseEncoding("br;q=abc, gzip", both)).toBe("gzip");
    expect(chooseEncoding("BR, GZIP", both)).toBe("br");
  });
});
