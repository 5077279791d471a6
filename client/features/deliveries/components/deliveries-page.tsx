import { PageHeader } from "../../../components/page-header.tsx";
import { useUrlState } from "../../../lib/url-state.ts";
import { useDeliveryCounts } from "../api/list-deliveries.ts";
import { parseDeliveryStatus } from "../lib/delivery-status.ts";
import { DeliveryStatusTabs } from "./delivery-status-tabs.tsx";
import { DeliveryTable } from "./delivery-table.tsx";

export function DeliveriesPage() {
  const [params] = useUrlState();
  const status = parseDeliveryStatus(params.get("status"));
  const counts = useDeliveryCounts(status);
  return (
    <>
      <PageHeader
        title="Deliveries"
        description="Decisions on their way to the platform's webhook. Failed deliveries are retried with backoff; after the last attempt they are dead-lettered here until an admin retries them."
      />
      <DeliveryStatusTabs current={status} counts={counts} />
      <DeliveryTable key={status} status={status} />
    </>
  );
}
