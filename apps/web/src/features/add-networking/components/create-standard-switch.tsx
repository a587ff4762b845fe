import { freePhysicalAdapters } from "@addnet/contracts";
import { useState } from "react";
import { useWatch, type UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { FailoverOrder, UPLINK_GROUP_KEYS } from "../../../components/failover-order/failover-order.tsx";
import { UPLINK_GROUPS, addUplinks } from "../../../components/failover-order/uplinks.ts";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Checkbox, SelectField } from "../../../components/ui/form-field.tsx";
import { Modal } from "../../../components/ui/modal.tsx";
import type { NewSwitchValues, UplinkGroup } from "../model/form-values.ts";
import { PAGE_TITLE_KEYS } from "../model/pages.ts";
import { useWizardPageForm } from "./use-wizard-page-form.ts";
import { useWizard } from "./wizard-context.tsx";
import { WizardFooter } from "./wizard-footer.tsx";
import { WizardPage } from "./wizard-page.tsx";

/**
 * Page 2a: "Create a Standard Switch": assign free physical adapters to Active, Standby and Unused and order
 * them. An adapter is in exactly one group (HostNicOrderPolicy).
 */
export function CreateStandardSwitch() {
  const { t } = useTranslation();
  return (
    <AssignedAdapters
      page="create-standard-switch"
      intro={t("wizard.switch.intro")}
      noneWarning={t("wizard.switch.noAdaptersWarning")}
      locked={NO_ADAPTERS}
    />
  );
}

const NO_ADAPTERS: readonly string[] = [];

/**
 * "Add physical network adapter to the switch" (Physical Network Adapter on an existing standard switch): the switch's
 * failover order, its own adapters first, where free adapters join it. The switch's adapters move between the groups
 * but stay on it (the wizard adds adapters; removing one is the switch's own edit); added ones can be removed again.
 */
export function AddPhysicalAdapter() {
  const { t } = useTranslation();
  const { networking, draft } = useWizard();
  const vswitchName = draft.values.switchUplinks.vswitchName;
  const locked = networking.vswitches.find((v) => v.name === vswitchName)?.uplinks ?? NO_ADAPTERS;
  return <AssignedAdapters page="add-physical-adapter" intro={t("wizard.addAdapter.intro", { vswitch: vswitchName })} locked={locked} />;
}

/**
 * The assigned adapters of a standard switch, in Active, Standby and Unused: a new switch's (its page edits
 * `newSwitch`), or an existing switch's failover order after the change (its page edits `switchUplinks`, and the
 * adapters the switch has are `locked`: moved, never removed).
 */
function AssignedAdapters({
  page,
  intro,
  noneWarning,
  locked,
}: {
  page: "create-standard-switch" | "add-physical-adapter";
  intro: string;
  /** Shown while no adapter is assigned. */
  noneWarning?: string;
  locked: readonly string[];
}) {
  const { t } = useTranslation();
  const { networking } = useWizard();
  const pageForm = useWizardPageForm(page);
  const { onNext, isValid, errorFor } = pageForm;
  // Both pages' forms hold the three lists under the same names.
  const form = pageForm.form as unknown as UseFormReturn<NewSwitchValues>;
  const { control, setValue } = form;
  const [active, standby, unused] = useWatch({ control, name: ["active", "standby", "unused"] });
  const values: NewSwitchValues = { active, standby, unused };
  const [adding, setAdding] = useState(false);

  const apply = (next: NewSwitchValues) => {
    for (const g of UPLINK_GROUPS) setValue(g, next[g], { shouldDirty: true, shouldTouch: true, shouldValidate: true });
  };
  const free = freePhysicalAdapters(networking);
  const assigned = new Set([...active, ...standby, ...unused]);
  const available = free.filter((d) => !assigned.has(d));
  const nic = (device: string) => networking.physicalNics.find((n) => n.device === device);
  const groupError = errorFor("active") ?? errorFor("standby") ?? errorFor("unused");

  return (
    <WizardPage
      title={t(PAGE_TITLE_KEYS[page])}
      intro={intro}
      onSubmit={onNext}
      footer={<WizardFooter page={page} nextDisabled={!isValid} />}
    >
      <div className="view-toolbar">
        <Button small onClick={() => setAdding(true)} disabled={available.length === 0}>
          {t("wizard.switch.addAdapters")}
        </Button>
      </div>
      {assigned.size === 0 && noneWarning && <Alert status="warning">{noneWarning}</Alert>}
      {groupError && <Alert status="danger">{groupError}</Alert>}
      <FailoverOrder
        physicalNics={networking.physicalNics}
        value={values}
        onChange={apply}
        removable={(device) => !locked.includes(device)}
      />
      {adding && (
        <AddAdaptersDialog
          available={available}
          describe={(d) => nic(d)?.mac ?? ""}
          onClose={() => setAdding(false)}
          onAdd={(devices, group) => {
            apply(addUplinks(values, devices, group));
            setAdding(false);
          }}
        />
      )}
    </WizardPage>
  );
}

function AddAdaptersDialog({
  available,
  describe,
  onAdd,
  onClose,
}: {
  available: string[];
  describe: (device: string) => string;
  onAdd: (devices: string[], group: UplinkGroup) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>([]);
  const [group, setGroup] = useState<UplinkGroup>("active");
  return (
    <Modal
      title={t("wizard.switch.addAdaptersTitle")}
      onClose={onClose}
      closeLabel={t("common.close")}
      footer={
        <>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button variant="primary" disabled={chosen.length === 0} onClick={() => onAdd(chosen, group)}>
            {t("common.ok")}
          </Button>
        </>
      }
    >
      <fieldset className="clr-form-control">
        <legend className="clr-control-label">{t("wizard.switch.freeAdapters")}</legend>
        {available.map((device) => (
          <Checkbox
            key={device}
            label={device}
            description={describe(device)}
            checked={chosen.includes(device)}
            onChange={(e) => setChosen((c) => (e.target.checked ? [...c, device] : c.filter((d) => d !== device)))}
          />
        ))}
      </fieldset>
      <SelectField label={t("wizard.switch.failoverGroup")} value={group} onChange={(e) => setGroup(e.target.value as UplinkGroup)}>
        {UPLINK_GROUPS.map((g) => (
          <option key={g} value={g}>
            {t(UPLINK_GROUP_KEYS[g])}
          </option>
        ))}
      </SelectField>
    </Modal>
  );
}
