import { z } from "zod";
import { emailSchema, newPasswordSchema } from "@/lib/validation/auth";
import { idSchema } from "@/lib/validation/ids";

// The forms of account self-service: forgot password, reset password,
// change password; and an owner's reset of a member's password.

export const forgotPasswordSchema = z.object({ email: emailSchema });

/** A reset token as the link carries it (base64url); anything else is an unknown link. */
export const resetTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "invalid");

const newPassword = { password: newPasswordSchema, repeat: z.string().max(200, "tooLong") };
/** The new password typed twice: the rules of set-up and sign-up, and the two must match. */
const repeated = <T extends { password: string; repeat: string }>(form: T) => form.password === form.repeat;
const differ = { message: "passwordsDiffer", path: ["repeat"] };

export const resetPasswordSchema = z.object({ token: resetTokenSchema, ...newPassword }).refine(repeated, differ);

export const changePasswordSchema = z.object({ current: z.string().min(1, "required").max(200, "tooLong"), ...newPassword }).refine(repeated, differ);

export const memberResetSchema = z.object({ userId: idSchema });
