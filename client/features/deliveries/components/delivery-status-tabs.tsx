// One link per delivery state with how many are in it; the state lives in the URL so a view can be shared.
import { Link } from "wouter";
import { formatCount } from "../../../lib/format.ts";
import type { DeliveryCounts, DeliveryStatus } from "../api/list-deliveries.ts";
import { DELIVERY_STATUSES, deliveryStatusPath } from "../lib/delivery-status.ts";

export function DeliveryStatusTabs({
  current,
  counts,
}: {
  current: DeliveryStatus;
  counts: DeliveryCounts | undefined;
}) {
  return (
    <nav aria-label="Delivery status" className="status-tabs">
      <ul>
        {DELIVERY_STATUSES.map(({ status, label }) => {
          const count = counts?.[status] ?? (counts ? 0 : null);
          return (
            <li key={status}>
              <Link
                href={deliveryStatusPath(status)}
                className={["status-tab", status === "dead" && count ? "has-dead" : ""].filter(Boolean).join(" ")}
                aria-current={status === current ? "page" : undefined}
              >
                {label} {count === null ? null : <span className="status-tab-count">{formatCount(count)}</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
