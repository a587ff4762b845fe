import { PRIVILEGES } from "@addnet/contracts";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { Button } from "../../../components/ui/button.tsx";
import { Fieldset, Radio, StaticField, TextField } from "../../../components/ui/form-field.tsx";
import { missingPrivilegeText } from "../../../lib/labels.ts";
import { isStandardSwitchRun, type ConnectionTypeChoice, type TargetKind } from "../model/form-values.ts";
import { BrowseDialog } from "./browse-dialog.tsx";
import { useWizardPageForm } from "./use-wizard-page-form.ts";
import { useWizard } from "./wizard-context.tsx";
import { WizardFooter } from "./wizard-footer.tsx";
import { WizardPage } from "./wizard-page.tsx";

/** What each standard-switch choice does, in the words of the connection type's run. */
const HELP = {
  vmkernel: {
    existingStandardSwitch: "wizard.target.existingStandardSwitchHelp",
    newStandardSwitch: "wizard.target.newStandardSwitchHelp",
  },
  vmPortGroup: {
    existingStandardSwitch: "wizard.target.portGroup.existingStandardSwitchHelp",
    newStandardSwitch: "wizard.target.portGroup.newStandardSwitchHelp",
  },
  physicalAdapter: {
    existingStandardSwitch: "wizard.target.physicalAdapter.existingStandardSwitchHelp",
    newStandardSwitch: "wizard.target.physicalAdapter.newStandardSwitchHelp",
  },
} as const satisfies Record<ConnectionTypeChoice, Record<"existingStandardSwitch" | "newStandardSwitch", string>>;

/**
 * Page 2: "Select target device": an existing distributed port group, an existing standard switch (each
 * through Browse), or a new standard switch with its MTU. A virtual machine port group and physical adapters go on a
 * standard switch only, so their runs offer no distributed port group.
 */
export function SelectTargetDevice() {
  const { t } = useTranslation();
  const { networking, draft } = useWizard();
  const standardOnly = isStandardSwitchRun(draft.values);
  const help = HELP[draft.values.connectionType.connectionType];
  const { form, onNext, isValid, errorFor } = useWizardPageForm("target-device");
  const { register, control, setValue } = form;
  const [kind, portgroupKey, vswitchName] = useWatch({ control, name: ["kind", "portgroupKey", "vswitchName"] });
  const [browsing, setBrowsing] = useState<"network" | "switch" | null>(null);

  const pg = networking.distributedPortgroups.find((p) => p.key === portgroupKey);
  const choose = (k: TargetKind) => setValue("kind", k, { shouldDirty: true, shouldTouch: true, shouldValidate: true });
  const set = (name: "portgroupKey" | "vswitchName", v: string) =>
    setValue(name, v, { shouldDirty: true, shouldTouch: true, shouldValidate: true });

  return (
    <WizardPage
      title={t("wizard.pages.targetDevice")}
      intro={t("wizard.target.intro")}
      onSubmit={onNext}
      footer={<WizardFooter page="target-device" nextDisabled={!isValid} />}
    >
      <Fieldset legend={t("wizard.target.legend")} error={errorFor("kind")}>
        {!standardOnly && (
          <Radio
            label={t("wizard.target.existingNetwork")}
            description={t("wizard.target.existingNetworkHelp")}
            value="existingNetwork"
            {...register("kind")}
          />
        )}
        {!standardOnly && kind === "existingNetwork" && (
          <div className="target-detail">
            <TextField
              label={t("wizard.target.selectedNetwork")}
              readOnly
              value={pg ? t("wizard.target.networkOnSwitch", { network: pg.name, switch: pg.switchName }) : ""}
              placeholder={t("wizard.target.nothingSelected")}
              error={errorFor("portgroupKey", ["kind"])}
            />
            <Button small onClick={() => setBrowsing("network")} aria-label={t("wizard.target.browseNetworks")}>
              {t("wizard.target.browse")}
            </Button>
          </div>
        )}
        <Radio
          label={t("wizard.target.existingStandardSwitch")}
          description={t(help.existingStandardSwitch)}
          value="existingStandardSwitch"
          {...register("kind")}
        />
        {kind === "existingStandardSwitch" && (
          <div className="target-detail">
            <TextField
              label={t("wizard.target.selectedSwitch")}
              readOnly
              value={vswitchName}
              placeholder={t("wizard.target.nothingSelected")}
              error={errorFor("vswitchName", ["kind"])}
            />
            <Button small onClick={() => setBrowsing("switch")} aria-label={t("wizard.target.browseSwitches")}>
              {t("wizard.target.browse")}
            </Button>
          </div>
        )}
        <Radio
          label={t("wizard.target.newStandardSwitch")}
          description={t(help.newStandardSwitch)}
          value="newStandardSwitch"
          {...register("kind")}
        />
        {kind === "newStandardSwitch" && (
          <div className="target-detail">
            <TextField label={t("wizard.target.mtu")} inputMode="numeric" error={errorFor("mtu")} {...register("mtu")} />
          </div>
        )}
      </Fieldset>
      {!standardOnly && kind === "existingNetwork" && pg && (
        <StaticField label={t("wizard.target.portgroupVlan")}>{pg.vlanId === null ? t("common.none") : pg.vlanId}</StaticField>
      )}

      {browsing === "network" && (
        <BrowseDialog
          title={t("wizard.target.selectNetworkTitle")}
          columns={[
            t("wizard.target.columns.name"),
            t("wizard.target.columns.distributedSwitch"),
            t("wizard.target.columns.vlanId"),
            t("wizard.target.columns.mtu"),
          ]}
          rows={networking.distributedPortgroups.map((p) => ({
            id: p.key,
            cells: [p.name, p.switchName, p.vlanId ?? t("common.none"), p.mtu ?? t("common.none")],
            disabledReason: p.canAssign ? undefined : missingPrivilegeText(t, PRIVILEGES.assign, p.name),
          }))}
          selected={portgroupKey}
          emptyText={t("wizard.target.noNetworks")}
          onClose={() => setBrowsing(null)}
          onSelect={(id) => {
            choose("existingNetwork");
            set("portgroupKey", id);
            setBrowsing(null);
          }}
        />
      )}
      {browsing === "switch" && (
        <BrowseDialog
          title={t("wizard.target.selectSwitchTitle")}
          columns={[t("wizard.target.columns.name"), t("wizard.target.columns.mtu"), t("wizard.target.columns.uplinks")]}
          rows={networking.vswitches.map((s) => ({ id: s.name, cells: [s.name, s.mtu, s.uplinks.join(", ") || t("common.none")] }))}
          selected={vswitchName}
          emptyText={t("wizard.target.noSwitches")}
          onClose={() => setBrowsing(null)}
          onSelect={(id) => {
            choose("existingStandardSwitch");
            set("vswitchName", id);
            setBrowsing(null);
          }}
        />
      )}
    </WizardPage>
  );
}
