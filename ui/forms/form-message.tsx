/** The form-level message, announced to screen readers when it appears. */
export function FormMessage({ message, tone = "error" }: { message?: string; tone?: "error" | "ok" }) {
  return <div aria-live="polite">{message ? <div className={`alert ${tone}`}>{message}</div> : null}</div>;
}
