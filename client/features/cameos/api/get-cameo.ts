import { useQuery } from "@tanstack/react-query";
import { asWire, useTRPC, type RouterOutputs, type Wire } from "../../../lib/trpc.ts";

export type CameoDetail = Wire<RouterOutputs["cameo"]["detail"]>;
export type CameoGrant = CameoDetail["grants"][number];

/** One cameo: its owner's settings, grants with post counts, and the staff actions taken on it. */
export function useCameoDetail(cameoId: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.cameo.detail.queryOptions({ cameoId }), select: asWire });
}
