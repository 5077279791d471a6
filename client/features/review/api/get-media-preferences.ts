import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../../lib/trpc.ts";

export interface MediaPreferences {
  blurMedia: boolean;
  grayscaleMedia: boolean;
  muteMedia: boolean;
}

/** The reviewer's wellness settings; until they arrive, media is treated as blurred, gray and muted. */
export function useMediaPreferences(): MediaPreferences {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.settings.preferences.queryOptions());
  return {
    blurMedia: data?.blurMedia !== false,
    grayscaleMedia: data?.grayscaleMedia !== false,
    muteMedia: data?.muteMedia !== false,
  };
}
