import { useCallback, useEffect, useRef, useState } from "react";
import { get, useForm, useWatch, type DefaultValues, type FieldErrors, type Resolver } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { fieldError, schemaResolver } from "../../../lib/form.ts";
import { validationText } from "../../../lib/labels.ts";
import type { WizardValues } from "../model/form-values.ts";
import { PAGE_VALUES, pageRule, type FormPageId, type PageRule } from "../model/page-rules.ts";
import { useWizard } from "./wizard-context.tsx";

/**
 * One wizard page's form: starts from the draft, writes every change back to it (so Back, a reload and the
 * session-expiry dialog keep the input), validates with the page's shared schema plus the host's rules on every
 * change, and says which errors to show (a field the user touched, or any on a page they come back to).
 */
export function useWizardPageForm<P extends FormPageId>(page: P) {
  type V = WizardValues[(typeof PAGE_VALUES)[P]];
  const { t } = useTranslation();
  const wizard = useWizard();
  const key = PAGE_VALUES[page];
  const ruleRef = useRef<PageRule<V>>(pageRule(page, wizard.ruleContext) as PageRule<V>);
  ruleRef.current = pageRule(page, wizard.ruleContext) as PageRule<V>;
  const [revisit] = useState(() => wizard.draft.visited.includes(page));

  const resolver = useCallback<Resolver<V>>((values, context, options) => {
    const rule = ruleRef.current;
    return schemaResolver<V, typeof rule.schema>(rule.schema, rule.toInput, rule.extra)(values, context, options) as ReturnType<
      Resolver<V>
    >;
  }, []);

  const form = useForm<V>({ defaultValues: wizard.draft.values[key] as DefaultValues<V>, resolver, mode: "onChange" });
  const { trigger, getValues, control } = form;
  const { setValues, goNext } = wizard;

  // Every change (typing, setValue, list edits): into the draft, and the whole page re-validated so that rules
  // across fields (gateway in the address's subnet) update at once.
  const watched = useWatch({ control });
  const [initialJson] = useState(() => JSON.stringify(wizard.draft.values[key]));
  const [interacted, setInteracted] = useState(false);
  // The form's resolver is asynchronous, so its first verdict comes a render after the page shows. Until then Next
  // follows the same rule run at once on the values the form starts from: a valid page can be acted on from its first paint.
  const [startsValid] = useState(() => {
    const rule = ruleRef.current;
    const values = wizard.draft.values[key] as V;
    return rule.schema.safeParse(rule.toInput(values)).success && rule.extra(values).length === 0;
  });
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    const values = getValues() as WizardValues[typeof key];
    setValues(key, values);
    void trigger().then(() => setChecked(true));
    if (JSON.stringify(values) !== initialJson) setInteracted(true);
  }, [watched, trigger, getValues, setValues, key, initialJson]);

  const { errors, touchedFields, dirtyFields, isSubmitted, isValid } = form.formState;

  // A field the user left or changed; a row added since the page opened (no default of its own) counts as changed once
  // something is typed in it, so that a new empty row says nothing yet.
  const changed = (name: string) =>
    Boolean(get(touchedFields, name)) ||
    (Boolean(get(dirtyFields, name)) && (get(form.formState.defaultValues, name) !== undefined || get(getValues(), name) !== ""));
  /**
   * The translated error for a field, once it should be shown: the user changed it (or one of `related`, e.g. the
   * radio that asks for it; "*" for anything on the page), submitted, or came back to the page.
   */
  const errorFor = (name: string, related: string[] = []): string | undefined => {
    const error = fieldError(errors as FieldErrors, name);
    if (!error) return undefined;
    const shown = revisit || isSubmitted || changed(name) || related.some((r) => (r === "*" ? interacted : changed(r)));
    return shown ? validationText(t, error.message, error.params) : undefined;
  };

  const onNext = form.handleSubmit(() => goNext(page, { [key]: getValues() } as Partial<WizardValues>));

  return { form, errorFor, onNext, isValid: checked ? isValid : startsValid };
}
