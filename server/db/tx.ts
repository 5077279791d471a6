import type { PrismaClient } from "./generated/client.ts";

/** A Prisma client or an interactive transaction: domain functions accept either. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
