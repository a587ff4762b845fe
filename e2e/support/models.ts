/** Models sent straight to the API, for tests whose subject is not the wizard itself. */
import { vmotionOnNewSwitchExample, type VmkernelAdapterModel } from "@addnet/contracts";

/** A vMotion-stack adapter on a new standard switch (vmnic2), static IPv4 192.168.30.21/24. */
export const VMOTION_ADAPTER: VmkernelAdapterModel = vmotionOnNewSwitchExample("192.168.30.21");

/** A default-stack adapter on vSwitch0 with DHCP. */
export const DEFAULT_STACK_ADAPTER: VmkernelAdapterModel = {
  connectionType: "vmkernel",
  targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
  portProperties: {
    networkLabel: "Direct",
    vlanId: 0,
    ipSettings: "ipv4",
    mtu: { mode: "fromSwitch" },
    tcpipStack: "defaultTcpipStack",
    services: [],
  },
  ipv4Settings: { mode: "dhcp" },
};
