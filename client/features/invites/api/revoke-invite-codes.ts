import { useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useTRPC, type RouterInputs, type RouterOutputs } from "../../../lib/trpc.ts";

export type RevokeInput = RouterInputs["inviteWave"]["revoke"];
type CodesPage = RouterOutputs["inviteWave"]["codes"];
/** What to revoke, without the reason (asked for in the dialog): one member of the union per scope. */
export type RevokeScope = RevokeInput extends infer T ? (T extends unknown ? Omit<T, "reason"> : never) : never;

export function useRevokeInviteCodes() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.inviteWave.revoke.mutationOptions(),
    onSuccess: async (_result, input) => {
      if (input.type !== "code") {
        // Revocation can touch any wave (an inviter's codes span waves): refresh everything invite-shaped.
        await queryClient.invalidateQueries({ queryKey: trpc.inviteWave.pathKey() });
        return;
      }
      // A few listed codes: mark them in the loaded pages rather than refetching every page scrolled through.
      const listed = new Set(input.codes.map((c) => c.trim().toUpperCase()));
      const revokedAt = new Date().toISOString();
      queryClient.setQueriesData<InfiniteData<CodesPage>>(
        { queryKey: trpc.inviteWave.codes.infiniteQueryKey() },
        (data) =>
          data
            ? {
                ...data,
                pages: data.pages.map((page) => ({
                  ...page,
                  items: page.items.map((row) =>
                    listed.has(row.code) && row.status === "active"
                      ? { ...row, status: "revoked" as const, revokedAt, revokedReason: input.reason }
                      : row,
                  ),
                })),
              }
            : data,
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.inviteWave.get.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.inviteWave.list.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.inviteWave.tree.pathKey() }),
      ]);
    },
  });
}
