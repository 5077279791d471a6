// VIGIL_ROLE says what a process runs; a value it does not know stops the process with a message naming it.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";

describe("VIGIL_ROLE", () => {
  it("defaults to all, and takes web or worker", () => {
    expect(loadConfig({}).role).toBe("all");
    expect(loadConfig({ VIGIL_ROLE: "" }).role).toBe("all");
    expect(loadConfig({ VIGIL_ROLE: "web" }).role).toBe("web");
    expect(loadConfig({ VIGIL_ROLE: "worker" }).role).toBe("worker");
  });

  it("refuses any other value, naming the variable and what it takes", () => {
    expect(() => loadConfig({ VIGIL_ROLE: "workers" })).toThrow(
      'VIGIL_ROLE: VIGIL_ROLE must be web, worker, all or unset (all), got "workers"',
    );
  });
});
