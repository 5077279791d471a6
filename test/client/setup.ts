import "@testing-library/jest-dom/vitest";
import { afterAll, afterEach, beforeAll } from "vitest";
import { cleanup, configure } from "@testing-library/react";
import { closeTestDatabase, mockApi, resetApiServer, setSessionToken } from "./support/api-server.ts";
import { installTestClock, releaseClock } from "../support/test-clock.ts";

installTestClock();
import { useTestAuditSeal } from "../support/audit.ts";

useTestAuditSeal();

// Each request runs the real router on a real database; on a busy CI machine the first render of a file
// (cold module and database) can take longer than Testing Library's 1 s default.
configure({ asyncUtilTimeout: 5_000 });

beforeAll(() => mockApi.listen({ onUnhandledRequest: "error" }));

afterEach(() => {
  cleanup();
  releaseClock();
  setSessionToken(null);
  resetApiServer();
  mockApi.resetHandlers();
});

afterAll(async () => {
  mockApi.close();
  await closeTestDatabase();
});
