"use client";

// The last resort when the root layout itself fails: no i18n is available
// here, so the text stays in the three languages at once.
export default function GlobalError() {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
        <h1>Something went wrong · 發生錯誤 · 发生错误</h1>
        <p>Please try again in a moment. · 請稍後再試。 · 请稍后再试。</p>
      </body>
    </html>
  );
}
