// Who is signed in, and signing out. Every page reads the user from here; the session itself is an httpOnly
// cookie the client never sees.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocation } from "wouter";
import { useTRPC } from "./trpc.ts";
import type { CurrentUser } from "./roles.ts";

export function useCurrentUserQuery() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 5 * 60_000 });
}

/** For components rendered inside the signed-in layout, where the user is known to be present. */
export function useCurrentUser(): CurrentUser {
  const { data } = useCurrentUserQuery();
  if (!data) throw new Error("useCurrentUser is only available inside the signed-in layout.");
  return data;
}

export function useSignOut() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  return useMutation({
    ...trpc.auth.signOut.mutationOptions(),
    onSettled: () => {
      // Nothing the previous user could see may linger in the cache for the next one.
      queryClient.clear();
      queryClient.setQueryData(trpc.auth.me.queryKey(), null);
      navigate("/sign-in");
    },
  });
}

/** Only same-app paths: a `next` parameter pointing elsewhere would make the sign-in page an open redirect. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/sign-in")) return "/queues";
  return next;
}
