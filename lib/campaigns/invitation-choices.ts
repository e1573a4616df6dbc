// What the invitation form offers and takes, shared by the form (in the
// browser) and its reading on the server (lib/campaigns/invitation-form.ts):
// nothing here may import server code.

/** How many addresses the form takes (a server action's body is at most 256 kB); a larger group is a segment. */
export const maxFormEmails = 5000;
export const maxEmailsChars = 200_000;

export const reminderDefaults = { afterDays: 3, max: 2 } as const;

/** The addresses of a pasted list: one per line, or separated by commas, semicolons or spaces; each once, in lower case. */
export function splitEmails(list: string): string[] {
  const seen = new Set<string>();
  for (const part of list.split(/[\s,;]+/)) {
    const email = part.trim().replace(/^<(.*)>$/, "$1");
    if (email) seen.add(email.toLowerCase());
  }
  return [...seen];
}
