import { useQuery } from "@tanstack/react-query";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc.ts";

export type ReviewerActivity = RouterOutputs["case"]["reviewerActivity"]["reviewers"][number];

/** Decisions per reviewer over the chosen days, and how they fared on appeal (staff and admins). */
export function useReviewerActivity(days: number) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.case.reviewerActivity.queryOptions({ days }), placeholderData: (previous) => previous });
}
