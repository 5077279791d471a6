// What `auth.me` answers: who is signed in, and what the session must do before the console opens. Server-only.
import { z } from "zod";
import { SESSION_RESTRICTIONS } from "../domain/auth/restrictions.ts";

export const SessionUserOutput = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(["moderator", "staff", "admin"]),
    /** what the session must do before the console opens, if anything */
    restriction: z.enum(SESSION_RESTRICTIONS).nullable(),
  })
  .nullable();
