import { pluralize } from "../lib/format.ts";
import { Button } from "./button.tsx";

/** Footer of a keyset-paginated list: how much is on screen and a button for the next page. */
export function LoadMore({
  count,
  noun,
  plural,
  hasNextPage,
  isFetchingNextPage,
  onLoadMore,
}: {
  count: number;
  noun: string;
  plural?: string;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
}) {
  return (
    <div className="table-footer">
      <span className="muted">
        {pluralize(count, noun, plural)} shown{hasNextPage ? "" : " — that is all"}
      </span>
      {hasNextPage ? (
        <Button size="sm" onClick={onLoadMore} isPending={isFetchingNextPage}>
          Load more
        </Button>
      ) : null}
    </div>
  );
}
