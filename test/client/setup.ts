import "@testing-library/jest-dom/vitest";
import { afterAll, afterEach, beforeAll } from "vitest";
import { cleanup } from "@testing-library/react";
import { closeTestDatabase, mockApi, setSessionToken } from "./support/api-server.ts";

beforeAll(() => mockApi.listen({ onUnhandledRequest: "error" }));

afterEach(() => {
  cleanup();
  setSessionToken(null);
  mockApi.resetHandlers();
});

afterAll(async () => {
  mockApi.close();
  await closeTestDatabase();
});
