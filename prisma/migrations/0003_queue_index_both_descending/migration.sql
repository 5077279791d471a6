-- DropIndex
DROP INDEX "Case_queue_status_priority_id_idx";

-- CreateIndex
CREATE INDEX "Case_queue_status_priority_id_idx" ON "Case"("queue", "status", "priority" DESC, "id" DESC);
