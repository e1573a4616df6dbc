import type { useTranslations } from "next-intl";

type Translator = ReturnType<typeof useTranslations>;

/** An error code from an account form: the account namespace's own, else the shared errors, else "not valid". */
export function accountErrorText(ta: Translator, te: Translator) {
  return (code: string) => (ta.has(`errors.${code}`) ? ta(`errors.${code}`) : te.has(code) ? te(code) : te("invalid"));
}
