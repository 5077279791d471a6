// Links that staff will open (evidence, the content a request is about): https only, so a stored link can never be
// a `javascript:`, `data:` or plain-http URL in front of a reviewer. Shared by the public form and the platform
// contract.
import * as z from "zod/mini";

/** The scheme and `//` must be written out, in lower case: `https:evil` parses as a URL too. No spaces or control characters. */
const HTTPS_LINK = /^https:\/\/[^\s/?#\\]+(?:[/?#]\S*)?$/;

export function httpsUrl(message: string) {
  return z.url({ protocol: /^https$/, error: message, abort: true }).check(z.regex(HTTPS_LINK, message));
}
