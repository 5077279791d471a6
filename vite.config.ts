import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { initialJsBudget } from "./scripts/initial-js-budget.ts";

const root = path.dirname(fileURLToPath(import.meta.url));
const apiTarget = `http://localhost:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: path.join(root, "client"),
  // The one way the console imports shared code: `@contracts/…` is server/contracts/ (also in tsconfig.json).
  resolve: { alias: [{ find: /^@contracts\//, replacement: `${path.join(root, "server/contracts")}/` }] },
  plugins: [
    react(),
    initialJsBudget({
      page: /features\/queues\/components\/queues-page\.tsx$/,
      label: "the queue page",
      budgetKb: 250,
    }),
  ],
  build: {
    outDir: path.join(root, "dist/client"),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    port: 5173,
    proxy: {
      "/trpc": apiTarget,
      "/media": apiTarget,
      "/api": apiTarget,
      "/healthz": apiTarget,
      "/exports": apiTarget,
      "/hash-lists": apiTarget,
      "/media-lookup": apiTarget,
    },
  },
  test: {
    root,
    projects: [
      {
        extends: true,
        test: {
          name: "server",
          root,
          environment: "node",
          include: ["test/server/**/*.test.ts"],
          setupFiles: ["test/server/setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "client",
          root,
          environment: "jsdom",
          include: ["test/client/**/*.test.{ts,tsx}"],
          setupFiles: ["test/client/setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          root,
          environment: "node",
          include: ["test/e2e/**/*.e2e.ts"],
          globalSetup: ["test/e2e/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
