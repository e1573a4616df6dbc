type Props = {
  /** The server action the form posts to. */
  action: (form: FormData) => void | Promise<void>;
  /** What the action is about, sent as hidden fields (ids, keys). */
  fields: Record<string, string | number>;
  children: React.ReactNode;
  className?: string;
  /** Names the button when its text alone does not say which row it acts on. */
  label?: string;
};

/** A one-click action on a row or a thing: a form of hidden fields and one submit button. */
export function ActionButton({ action, fields, children, className = "button danger small", label }: Props) {
  return (
    <form action={action}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className} aria-label={label}>
        {children}
      </button>
    </form>
  );
}
