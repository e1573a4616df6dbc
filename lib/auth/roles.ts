import type { Role } from "@/db/schema";

// What each role may do. Checked on the server for every action and route.
export type Permission = "read" | "write" | "admin";

const granted: Record<Role, readonly Permission[]> = {
  owner: ["read", "write", "admin"],
  manager: ["read", "write"],
  analyst: ["read"],
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role ? granted[role].includes(permission) : false;
}

export function isRole(value: unknown): value is Role {
  return value === "owner" || value === "manager" || value === "analyst";
}
