import type { VmkernelAdapterModel } from "./wizard.ts";

/**
 * The procedure at addnet's heart as a wizard model: vMotion traffic on the vMotion TCP/IP stack, through a new
 * standard switch (MTU 9000, uplink vmnic2) and a port group on VLAN 30, with a static IPv4 address. The API
 * document's example, and the model tests, benchmarks and the load script send.
 */
export function vmotionOnNewSwitchExample(address = "192.168.30.11", subnetMask = "255.255.255.0"): VmkernelAdapterModel {
  return {
    connectionType: "vmkernel",
    targetDevice: { kind: "newStandardSwitch", mtu: 9000 },
    newSwitchUplinks: { active: ["vmnic2"], standby: [], unused: [] },
    portProperties: {
      networkLabel: "vMotion",
      vlanId: 30,
      ipSettings: "ipv4",
      mtu: { mode: "fromSwitch" },
      tcpipStack: "vmotion",
      services: ["vmotion"],
    },
    ipv4Settings: { mode: "static", address, subnetMask, overrideGateway: false },
  };
}
