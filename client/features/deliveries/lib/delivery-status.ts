import { formatDuration } from "../../../lib/format.ts";
import type { DeliveryStatus } from "../api/list-deliveries.ts";

export const DELIVERY_STATUSES: readonly { status: DeliveryStatus; label: string; empty: string }[] = [
  { status: "pending", label: "Pending", empty: "Nothing is waiting to be delivered" },
  {
    status: "dead",
    label: "Dead-lettered",
    empty: "No dead-lettered deliveries: everything got through or is still being retried",
  },
  { status: "delivered", label: "Delivered", empty: "Nothing has been delivered yet" },
];

export function parseDeliveryStatus(value: string | null): DeliveryStatus {
  return DELIVERY_STATUSES.find((s) => s.status === value)?.status ?? "pending";
}

export function deliveryStatusPath(status: DeliveryStatus): string {
  return status === "pending" ? "/deliveries" : `/deliveries?status=${status}`;
}

/** "in 4m", or "due now" once the time has come (the worker picks it up on its next round). */
export function describeNextAttempt(at: string, now: Date): string {
  const seconds = (new Date(at).getTime() - now.getTime()) / 1000;
  return seconds > 0 ? `in ${formatDuration(seconds)}` : "due now";
}
