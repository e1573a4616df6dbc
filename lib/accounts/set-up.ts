import { openOrCreateDemo } from "@/lib/demo/explore-demo";
import { createOwner } from "./accounts";

/** `timeZone`: the browser's, when the set-up page's script could read it (else UTC). */
export type SetUpInput = { email: string; password: string; workspace: string; name?: string; timeZone?: string };

/**
 * The set-up page's work: the first workspace with its owner and, when asked,
 * the demo study in it. A demo that fails does not undo the workspace (the
 * owner can try again from the studies list); `demo` then reports "failed".
 */
export async function setUpWorkspace(input: SetUpInput, withDemo: boolean) {
  const owner = await createOwner({ ...input, firstRunOnly: true });
  let demo: "none" | "created" | "failed" = "none";
  if (withDemo) {
    try {
      await openOrCreateDemo(owner.workspaceId, owner.userId);
      demo = "created";
    } catch (error) {
      console.error("The demo study could not be created at set-up:", error);
      demo = "failed";
    }
  }
  return { ...owner, demo };
}
