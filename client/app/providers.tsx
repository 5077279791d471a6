import { useState, type ReactNode } from "react";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createApiClient, TRPCProvider } from "../lib/trpc.ts";
import { createQueryClient } from "../lib/query-client.ts";

export interface AppProvidersProps {
  children: ReactNode;
  /** tests pass their own, so each render starts with an empty cache */
  queryClient?: QueryClient;
  apiUrl?: string;
}

export function AppProviders({ children, queryClient: givenQueryClient, apiUrl }: AppProvidersProps) {
  const [queryClient] = useState(() => givenQueryClient ?? createQueryClient());
  const [trpcClient] = useState(() => createApiClient(apiUrl));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
