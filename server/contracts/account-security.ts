// Inputs of the account security procedures, shared with the console's forms (zod/mini only, see staff.ts).
import * as z from "zod/mini";
import { NewPassword } from "./staff.ts";

const CurrentPassword = z.string().check(z.minLength(1, "Enter your current password"), z.maxLength(1024));
const Code = z.string().check(z.trim(), z.minLength(1, "Enter the code"), z.maxLength(64));

export const ChangePasswordInput = z.object({ currentPassword: CurrentPassword, newPassword: NewPassword });
export type ChangePasswordValues = z.infer<typeof ChangePasswordInput>;

export const ConfirmSecondFactorInput = z.object({
  code: z.string().check(z.trim(), z.regex(/^\d{6}$/, "Enter the 6-digit code your app shows")),
});
export type ConfirmSecondFactorValues = z.infer<typeof ConfirmSecondFactorInput>;

/** A code from the authenticator app or one of the recovery codes. */
export const SecondFactorCodeInput = z.object({ code: Code });
export type SecondFactorCodeValues = z.infer<typeof SecondFactorCodeInput>;

export const DisableSecondFactorInput = z.object({
  password: z.string().check(z.minLength(1, "Enter your password"), z.maxLength(1024)),
  code: Code,
});
export type DisableSecondFactorValues = z.infer<typeof DisableSecondFactorInput>;

export const EndSessionInput = z.object({ sessionId: z.string().check(z.uuid("Not a session id")) });
