// The settings of request budgets, caps and the signature transition: defaults, values, and refusals that name
// the variable.
import { describe, expect, it } from "vitest";
import { DEFAULT_REQUEST_LIMITS, loadConfig } from "../../server/config.ts";

describe("request limit settings", () => {
  it("default to limits a fast reviewer never meets, and v1 signatures accepted", () => {
    const config = loadConfig({});
    expect(config.limits).toEqual({ mutationsPerMinute: 120, mutationBurst: 60, maxBatch: 20, maxHeldCases: 5 });
    expect(config.limits).toEqual(DEFAULT_REQUEST_LIMITS);
    expect(config.platform.signatureV1).toBe("accept");
  });

  it("read each variable", () => {
    const config = loadConfig({
      VIGIL_MUTATIONS_PER_MINUTE: "30",
      VIGIL_MUTATION_BURST: "10",
      VIGIL_TRPC_MAX_BATCH: "12",
      VIGIL_MAX_HELD_CASES: "3",
      VIGIL_PLATFORM_SIGNATURE_V1: "refuse",
    });
    expect(config.limits).toEqual({ mutationsPerMinute: 30, mutationBurst: 10, maxBatch: 12, maxHeldCases: 3 });
    expect(config.platform.signatureV1).toBe("refuse");
  });

  it("refuse values that would break the console or mean nothing, naming the variable", () => {
    expect(() => loadConfig({ VIGIL_TRPC_MAX_BATCH: "5" })).toThrow(
      "VIGIL_TRPC_MAX_BATCH: VIGIL_TRPC_MAX_BATCH must be at least 10: the console batches up to 10 calls per request",
    );
    expect(() => loadConfig({ VIGIL_MAX_HELD_CASES: "0" })).toThrow(
      'VIGIL_MAX_HELD_CASES must be a positive whole number, got "0"',
    );
    expect(() => loadConfig({ VIGIL_MUTATIONS_PER_MINUTE: "lots" })).toThrow("VIGIL_MUTATIONS_PER_MINUTE");
    expect(() => loadConfig({ VIGIL_PLATFORM_SIGNATURE_V1: "maybe" })).toThrow(
      "VIGIL_PLATFORM_SIGNATURE_V1 must be accept or refuse",
    );
  });
});
