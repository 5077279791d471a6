// A Vite plugin that reports, on every build, the gzipped JavaScript the browser must load before the queue
// page can render (the entry, the page's lazy chunk and everything they import statically), and fails the
// build when it exceeds the budget, so the console stays quick to open.
import zlib from "node:zlib";
import type { Plugin } from "vite";

interface ChunkInfo {
  type: "chunk";
  fileName: string;
  code: string;
  isEntry: boolean;
  imports: string[];
  facadeModuleId: string | null;
}

export function initialJsBudget(options: { page: RegExp; label: string; budgetKb: number }): Plugin {
  return {
    name: "vigil-initial-js-budget",
    apply: "build",
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle)
          .filter((c): c is typeof c & ChunkInfo => c.type === "chunk")
          .map((c) => [c.fileName, c as unknown as ChunkInfo]),
      );
      const roots = [...chunks.values()].filter(
        (c) => c.isEntry || (c.facadeModuleId && options.page.test(c.facadeModuleId)),
      );
      if (!roots.some((c) => !c.isEntry))
        this.error(`initial JS budget: no chunk for ${options.label} (${options.page})`);
      const seen = new Set<string>();
      const visit = (name: string) => {
        if (seen.has(name)) return;
        seen.add(name);
        for (const dep of chunks.get(name)?.imports ?? []) visit(dep);
      };
      for (const root of roots) visit(root.fileName);
      const bytes = [...seen].reduce((sum, name) => sum + zlib.gzipSync(chunks.get(name)?.code ?? "").length, 0);
      const kb = Math.round((bytes / 1024) * 10) / 10;
      this.info(
        `initial JS for ${options.label}: ${kb} KB gzip in ${seen.size} chunks (budget ${options.budgetKb} KB)`,
      );
      if (kb > options.budgetKb)
        this.error(`initial JS for ${options.label} is ${kb} KB gzip, over the ${options.budgetKb} KB budget`);
    },
  };
}
