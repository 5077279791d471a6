import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";
// The procedure's own input schema: the form and the server check the same rules.
export { OrgMediaDefaultsInput as orgMediaDefaultsSchema, type OrgMediaDefaultsValues } from "@contracts/staff.ts";

export const ORG_MEDIA_DEFAULTS = [
  { key: "blurMedia", label: "Blur media" },
  { key: "grayscaleMedia", label: "Grayscale media" },
  { key: "muteMedia", label: "Mute media" },
] as const;

export function useOrgMediaDefaults() {
  const trpc = useTRPC();
  return useQuery(trpc.settings.orgMediaDefaults.queryOptions());
}

export function useSetOrgMediaDefaults() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    ...trpc.settings.setOrgMediaDefaults.mutationOptions(),
    // Everyone's effective preferences sit on these defaults, the admin's own included.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.settings.orgMediaDefaults.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.settings.preferences.queryKey() }),
      ]),
  });
}
