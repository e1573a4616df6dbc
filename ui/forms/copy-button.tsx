"use client";

import { useState, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";

const noop = () => () => {};

/**
 * "Copy" beside a link, shown only where JavaScript runs (and the browser
 * offers the clipboard): without it the link text itself is there to select.
 */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useTranslations("common.copy");
  // False on the server and before hydration: no button that could not work.
  const canCopy = useSyncExternalStore(
    noop,
    () => typeof navigator !== "undefined" && !!navigator.clipboard,
    () => false,
  );
  const [copied, setCopied] = useState(false);
  if (!canCopy) return null;
  return (
    <button
      type="button"
      className="button secondary small copy-button"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 2500);
        } catch {
          setCopied(false);
        }
      }}
    >
      <span aria-live="polite">{copied ? t("copied") : (label ?? t("copy"))}</span>
    </button>
  );
}
