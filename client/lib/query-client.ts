import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { errorCodeOf, isClientError } from "./api-errors.ts";

/** tRPC query keys start with the procedure path. */
export const CURRENT_USER_KEY = [["auth", "me"]] as const;

export function createQueryClient(): QueryClient {
  // A session that expires mid-work makes some call answer UNAUTHORIZED; re-asking who is signed in sends the
  // reviewer to the sign-in page instead of leaving every panel in an error state.
  const onError = (error: unknown) => {
    if (errorCodeOf(error) !== "UNAUTHORIZED") return;
    const someoneSignedIn = client.getQueriesData({ queryKey: CURRENT_USER_KEY }).some(([, user]) => !!user);
    if (someoneSignedIn) void client.invalidateQueries({ queryKey: CURRENT_USER_KEY });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => !isClientError(error) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
