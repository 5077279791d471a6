// `npm run build:wasm`: assembles each WebAssembly text module of the server (server/**/*.wat) into the binary
// beside it (*.wasm), which is committed so that the server needs no assembler. A test checks that every committed
// binary is what its source assembles to.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import wabtInit from "wabt";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const WASM_SOURCES = ["server/domain/hashbank/pdq-kernel.wat"];

/** The binary module a text module assembles to (no debug names, so the bytes depend on the code alone). */
export async function assemble(watPath: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat(path.basename(watPath), readFileSync(watPath, "utf8"));
  try {
    module.validate();
    return module.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}

async function main() {
  for (const source of WASM_SOURCES) {
    const wat = path.join(ROOT, source);
    const out = wat.replace(/\.wat$/, ".wasm");
    const bytes = await assemble(wat);
    writeFileSync(out, bytes);
    console.log(`${path.relative(ROOT, out)}: ${bytes.length} bytes`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
