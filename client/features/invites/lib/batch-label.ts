/**
 * A batch's short name: the end of its id. (Ids are UUIDv7, whose first characters are a timestamp shared by
 * batches issued within the same minute; the end is random.)
 */
export function batchLabel(batchId: string): string {
  return batchId.slice(-8);
}
