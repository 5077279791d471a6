import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

export const MEDIA_PREFERENCES = [
  { key: "blurMedia", label: "Blur media until I reveal it" },
  { key: "grayscaleMedia", label: "Show media in grayscale" },
  { key: "muteMedia", label: "Mute audio until I unmute it" },
] as const;
export type MediaPreferenceKey = (typeof MEDIA_PREFERENCES)[number]["key"];

export function usePreferences() {
  const trpc = useTRPC();
  return useQuery(trpc.settings.preferences.queryOptions());
}

export function useUpdatePreferences() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.settings.updatePreferences.mutationOptions(),
    // Returning the refetch keeps the mutation pending until the toggles show what was saved.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.settings.preferences.queryKey() }),
  });
}
