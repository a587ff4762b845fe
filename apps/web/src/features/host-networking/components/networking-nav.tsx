import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";

import { paths, type NetworkingView } from "../../../config/paths.ts";

const VIEWS = [
  { view: "virtual-switches", key: "hostNetworking.views.virtualSwitches" },
  { view: "vmkernel-adapters", key: "hostNetworking.views.vmkernelAdapters" },
  { view: "physical-adapters", key: "hostNetworking.views.physicalAdapters" },
  { view: "tcpip-configuration", key: "hostNetworking.views.tcpipConfiguration" },
] as const satisfies { view: NetworkingView; key: string }[];

/** Configure → Networking: the four views, as the vSphere Client lists them. */
export function NetworkingNav({ hostId }: { hostId: string }) {
  const { t } = useTranslation();
  return (
    <nav className="networking-nav" aria-label={t("hostNetworking.networking")}>
      <h2 className="networking-nav-title">{t("hostNetworking.networking")}</h2>
      <ul>
        {VIEWS.map(({ view, key }) => (
          <li key={view}>
            <NavLink to={paths.networking(hostId, view)} className={({ isActive }) => (isActive ? "nav-link active" : "nav-link")}>
              {t(key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
