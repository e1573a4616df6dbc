"use client";

import { createContext, useActionState, useContext, useState, type ReactNode } from "react";
import { saveWeightsAction } from "@/app/(manage)/studies/[id]/design/actions";
import { weightSplitSchema } from "@/lib/validation/study";
import type { DesignState } from "./design-state";

// The weights form and the publish panel are one form: the panel's "Publish
// version N" submits the weights form (its `form` attribute), so the weights
// on screen are saved with the version or the publish is refused, with or
// without JavaScript. This context shares that form's state and the weights
// as typed, so the panel never says "ready" beside weights that cannot be saved.

export const weightsFormId = "weights-form";

const asText = (points: number) => String(Math.round(points * 100) / 100);

type DesignForms = {
  state: DesignState;
  action: (form: FormData) => void;
  pending: boolean;
  values: Record<string, string>;
  setValue: (id: string, value: string) => void;
  /** Each criterion's typed points (NaN when not a number), in the draft's order. */
  numbers: number[];
  /** The typed split could be saved (numbers, none negative, sum 100). */
  valid: boolean;
  /** The typed split differs from the saved one. */
  dirty: boolean;
};

const Context = createContext<DesignForms | null>(null);

export function useDesignForms(): DesignForms {
  const value = useContext(Context);
  if (!value) throw new Error("useDesignForms outside <DesignFormsProvider>");
  return value;
}

/** Wraps the design page for a member who may edit: holds the weights form's state for the editor and the publish panel. */
export function DesignFormsProvider({ rows, children }: { rows: { id: string; weight: number }[]; children: ReactNode }) {
  const [state, action, pending] = useActionState<DesignState, FormData>(saveWeightsAction, {});
  const stored = rows.map((r) => `${r.id}=${r.weight}`).join("&");
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(rows.map((r) => [r.id, state.values?.[`weight:${r.id}`] ?? asText(r.weight)])),
  );
  // When the saved weights change (saved, split equally, published, a criterion added) the inputs follow.
  const [seen, setSeen] = useState(stored);
  if (seen !== stored) {
    setSeen(stored);
    setValues(Object.fromEntries(rows.map((r) => [r.id, asText(r.weight)])));
  }
  const numbers = rows.map((r) => (values[r.id]?.trim() ? Number(values[r.id].replace(",", ".")) : Number.NaN));
  const valid = weightSplitSchema.safeParse(numbers).success;
  const dirty = rows.some((r) => values[r.id] !== asText(r.weight));
  const setValue = (id: string, value: string) => setValues((v) => ({ ...v, [id]: value }));
  return <Context.Provider value={{ state, action, pending, values, setValue, numbers, valid, dirty }}>{children}</Context.Provider>;
}

/** Under the "draft equals / differs from version N" banner: weights typed but not saved are not part of that draft yet. */
export function UnsavedWeightsNote({ text }: { text: string }) {
  const { dirty } = useDesignForms();
  if (!dirty) return null;
  return (
    <div className="alert warn" data-testid="unsaved-weights">
      <a href="#weights">{text}</a>
    </div>
  );
}
