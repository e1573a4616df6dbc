"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Renders the page again every `seconds` while it is shown: with JavaScript
 * a router refresh (no reload: scroll, focus and a click in progress stay),
 * without it a meta refresh, which the browser only reads from <noscript>
 * when scripts are off. Rendered only while there is something to follow.
 */
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return (
    <noscript>
      <meta httpEquiv="refresh" content={String(seconds)} />
    </noscript>
  );
}
