import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type BankImport = Wire<RouterOutputs["hashBank"]["imports"][number]>;

/** How often a running import's progress is read while its upload is under way. */
export const IMPORT_PROGRESS_POLL_MS = 1_000;

/** A bank's recent hash-list imports, newest first; `polling` while an upload runs, to show lines read. */
export function useBankImports(bankId: string, { polling = false }: { polling?: boolean } = {}) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.hashBank.imports.queryOptions({ bankId }),
    select: asWire,
    refetchInterval: polling ? IMPORT_PROGRESS_POLL_MS : false,
  });
}
