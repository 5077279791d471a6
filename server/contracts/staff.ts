// Input schemas shared by the console's forms and the procedures that receive them: one rule, checked twice.
// zod/mini and nothing else, so the client can import this file without pulling server code into its bundle.
import * as z from "zod/mini";

export const STAFF_ROLES = ["moderator", "staff", "admin"] as const;
export type StaffRoleName = (typeof STAFF_ROLES)[number];

export const PASSWORD_MIN_LENGTH = 12;

/** Any password a person chooses: at staff creation and when they change their own. */
export const NewPassword = z
  .string()
  .check(z.minLength(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`), z.maxLength(1024));

export const SignInInput = z.object({
  email: z.email("Enter a valid email address").check(z.maxLength(254)),
  password: z.string().check(z.minLength(1, "Enter your password"), z.maxLength(1024)),
  /** the authenticator or recovery code, on the second step for accounts with two-factor sign-in */
  code: z.optional(z.string().check(z.maxLength(64))),
});
export type SignInValues = z.infer<typeof SignInInput>;

export const NewStaffUserInput = z.object({
  email: z.email("Enter a valid email address").check(z.maxLength(254)),
  displayName: z.string().check(z.trim(), z.minLength(1, "Enter a display name"), z.maxLength(80)),
  role: z.enum(STAFF_ROLES, "Choose a role"),
  password: NewPassword,
});
export type NewStaffUserValues = z.infer<typeof NewStaffUserInput>;

export const ResetStaffPasswordInput = z.object({
  id: z.string().check(z.uuid("Not a staff member id")),
  /** for someone who lost both their authenticator and their recovery codes */
  removeSecondFactor: z.optional(z.boolean()),
});
export type ResetStaffPasswordValues = z.infer<typeof ResetStaffPasswordInput>;

export const UpdateStaffUserInput = z.object({
  id: z.uuid(),
  role: z.optional(z.enum(STAFF_ROLES)),
  displayName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(80))),
  disabled: z.optional(z.boolean()),
});

/** Per-user preferences. Media wellness defaults: blurred, grayscale, muted until the reviewer opts out. */
export const PreferencesInput = z.object({
  blurMedia: z.optional(z.boolean()),
  grayscaleMedia: z.optional(z.boolean()),
  muteMedia: z.optional(z.boolean()),
});
export type PreferencesValues = z.infer<typeof PreferencesInput>;

/** The organisation's media wellness defaults (admins): what a reviewer gets until they choose otherwise. */
export const OrgMediaDefaultsInput = z.object({
  blurMedia: z.boolean(),
  grayscaleMedia: z.boolean(),
  muteMedia: z.boolean(),
});
export type OrgMediaDefaultsValues = z.infer<typeof OrgMediaDefaultsInput>;
