-- CreateIndex
CREATE INDEX "Appeal_decidedAt_idx" ON "Appeal"("decidedAt");
