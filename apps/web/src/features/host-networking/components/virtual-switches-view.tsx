import type { HostNetworking } from "@addnet/contracts";
import { useTranslation } from "react-i18next";

/** Configure → Networking → Virtual switches: each standard switch with its uplinks and port groups. */
export function VirtualSwitchesView({ networking }: { networking: HostNetworking }) {
  const { t } = useTranslation();
  const list = (xs: string[]) => (xs.length ? xs.join(", ") : t("common.none"));
  return (
    <section aria-labelledby="virtual-switches-title">
      <h2 id="virtual-switches-title">{t("hostNetworking.views.virtualSwitches")}</h2>
      {networking.vswitches.map((vs) => {
        const groups = networking.portgroups.filter((pg) => pg.vswitch === vs.name);
        const unused = vs.uplinks.filter((u) => !vs.activeNics.includes(u) && !vs.standbyNics.includes(u));
        return (
          <div key={vs.name} className="card switch-card">
            <div className="card-header">
              <h3 className="card-title">{t("hostNetworking.switch.title", { name: vs.name })}</h3>
            </div>
            <div className="card-block">
              <dl className="properties">
                <dt>{t("hostNetworking.switch.mtu")}</dt>
                <dd>{vs.mtu}</dd>
                <dt>{t("hostNetworking.switch.activeAdapters")}</dt>
                <dd>{list(vs.activeNics)}</dd>
                <dt>{t("hostNetworking.switch.standbyAdapters")}</dt>
                <dd>{list(vs.standbyNics)}</dd>
                <dt>{t("hostNetworking.switch.unusedAdapters")}</dt>
                <dd>{list(unused)}</dd>
              </dl>
              <table className="table table-compact">
                <caption>{t("hostNetworking.switch.portgroups", { name: vs.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("hostNetworking.columns.networkLabel")}</th>
                    <th scope="col">{t("hostNetworking.columns.vlanId")}</th>
                    <th scope="col">{t("hostNetworking.columns.vmkernelAdapter")}</th>
                  </tr>
                </thead>
                <tbody>
                  {groups.map((pg) => (
                    <tr key={pg.name}>
                      <th scope="row">{pg.name}</th>
                      <td>{pg.vlanId === 0 ? t("hostNetworking.vlanNone") : pg.vlanId}</td>
                      <td>{pg.vmkernelAdapter ?? t("common.none")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        );
      })}
    </section>
  );
}
