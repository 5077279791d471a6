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

const HOME = "/queues";

/**
 * Only same-app paths: a `next` parameter pointing elsewhere would make the sign-in page an open redirect, and
 * one the browser reads as another origin (`//host`, `/\host`, a tab inside the slashes) makes the history
 * API throw. So the path is resolved the way the browser would resolve it, and kept only if it stays here.
 */
export function safeNextPath(next: string | null | undefined, origin: string = window.location.origin): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return HOME;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return HOME;
  }
  if (url.origin !== origin || url.pathname.startsWith("/sign-in")) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}
