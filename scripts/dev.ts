// `npm run dev`: the API server (restarted on change) and Vite's dev server with hot reload, side by side.
// Open http://localhost:5173; Vite forwards /trpc, /media, /api and /healthz to the API server.
import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const children = [
  spawn(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "watch", "--clear-screen=false", "server/main.ts"],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, VIGIL_CLIENT_DIR: process.env.VIGIL_CLIENT_DIR ?? "dist/client" },
    },
  ),
  spawn(process.execPath, [path.join(root, "node_modules/vite/bin/vite.js")], { cwd: root, stdio: "inherit" }),
];

const stop = () => {
  for (const child of children) child.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) child.on("exit", (code) => code && stop());
