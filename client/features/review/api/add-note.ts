import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCurrentUser } from "../../../lib/auth.ts";
import { useTRPC } from "../../../lib/trpc.ts";

export function useAddNote(caseId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  return useMutation({
    ...trpc.case.addNote.mutationOptions(),
    // Appended in place: refetching the case would record another view of its evidence in the audit log.
    onSuccess: (note, input) => {
      queryClient.setQueryData(trpc.case.get.queryKey({ caseId }), (current) =>
        current
          ? {
              ...current,
              notes: [
                ...current.notes,
                {
                  id: note.id,
                  body: input.body.trim(),
                  createdAt: note.createdAt,
                  author: { displayName: me.displayName },
                },
              ],
            }
          : current,
      );
    },
  });
}
