// Limits the console and the server agree on.

/** The console sends at most this many tRPC calls per HTTP request; the server's cap may not be lower. */
export const CONSOLE_BATCH_SIZE = 10;
