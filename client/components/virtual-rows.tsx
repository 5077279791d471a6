// Only the rows in view (plus an overscan) of a long table, with spacer rows above and below so the table keeps
// native table semantics and the scrollbar its real length. Used by DataTable and by tables whose rows arrive
// page by page behind a known total.
import { useEffect, useRef } from "react";
import { observeElementRect, useVirtualizer, type Rect, type Virtualizer } from "@tanstack/react-virtual";

// Used until the scroll container has been laid out (and under test DOMs, which never lay anything out).
const FALLBACK_RECT: Rect = { width: 1200, height: 640 };

function observeRectOrFallback(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : FALLBACK_RECT));
}

export interface VirtualRowsOptions {
  /** every row the table has room for, loaded or not */
  count: number;
  rowHeight: number;
  getItemKey: (index: number) => string | number;
  overscan?: number;
  /** rows loaded so far; `onNearEnd` is called once the view comes within `aheadRows` of the last of them */
  loaded?: number;
  onNearEnd?: () => void;
  aheadRows?: number;
  /** resets the scroll position when it changes: a new filter starts at the top */
  scrollKey?: string;
}

export function useVirtualRows({
  count,
  rowHeight,
  getItemKey,
  overscan = 10,
  loaded = count,
  onNearEnd,
  aheadRows = 10,
  scrollKey,
}: VirtualRowsOptions) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer<HTMLDivElement, Element>({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey,
    overscan,
    initialRect: FALLBACK_RECT,
    observeElementRect: observeRectOrFallback,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (onNearEnd && loaded > 0 && lastIndex >= loaded - aheadRows) onNearEnd();
  }, [lastIndex, loaded, aheadRows, onNearEnd]);

  useEffect(() => {
    scrollRef.current?.scrollTo?.({ top: 0 });
  }, [scrollKey]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  return { scrollRef, items, paddingTop, paddingBottom };
}

/** Stands in for the rows above or below the window; hidden from assistive technology. */
export function SpacerRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" className="spacer-row">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
