-- CreateIndex
CREATE INDEX "Case_escalatedFrom_idx" ON "Case"("escalatedFrom");
