import { useQuery } from "@tanstack/react-query";
import { createTRPCClient, httpLink } from "@trpc/client";
import { asWire, defaultApiUrl, useTRPC, type AppRouter, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type HashBank = Wire<RouterOutputs["hashBank"]["banks"][number]>;

// The banks' sizes are counted over every entry, which can take a while on a large bank. Sent on its own rather
// than in the page's batch, so the entries below do not wait for the counts (a batch answers all at once).
let unbatchedClient: ReturnType<typeof createTRPCClient<AppRouter>> | undefined;
function bankListClient() {
  unbatchedClient ??= createTRPCClient<AppRouter>({ links: [httpLink({ url: defaultApiUrl() })] });
  return unbatchedClient;
}

/** Every bank with what a match against it does, its sizes and the policies that feed it. */
export function useHashBanks() {
  const trpc = useTRPC();
  return useQuery({
    queryKey: trpc.hashBank.banks.queryKey(),
    queryFn: ({ signal }) => bankListClient().hashBank.banks.query(undefined, { signal }),
    select: asWire,
  });
}
