"use client";

import { useFormStatus } from "react-dom";

/**
 * A submit button that says what is happening while its form's server action
 * runs (the demo takes ~1.5 s). Without JavaScript it is a plain button.
 */
export function PendingButton({ label, pendingLabel, className = "button" }: { label: string; pendingLabel: string; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending} aria-busy={pending || undefined}>
      {pending ? pendingLabel : label}
    </button>
  );
}
