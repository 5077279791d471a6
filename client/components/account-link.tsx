// An account's @handle as a link to its account page, wherever the console names an account.
import { Link } from "wouter";

export function AccountLink({ id, handle }: { id: string; handle: string | null | undefined }) {
  return <Link href={`/accounts/${encodeURIComponent(id)}`}>{handle ? `@${handle}` : id}</Link>;
}
