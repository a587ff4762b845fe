/** The three plans issue 13 names (vMotion on a new switch, Provisioning on vSwitch0 with DHCP, a distributed port group with services). */
import type { ExportHostPlan, ExportInput, VmkernelAdapterModel } from "../src/index.ts";
import { vmotionOnNewSwitchExample } from "../src/index.ts";

export const provisioningOnVSwitch0: VmkernelAdapterModel = {
  connectionType: "vmkernel",
  targetDevice: { kind: "existingStandardSwitch", vswitchName: "vSwitch0" },
  portProperties: {
    networkLabel: "Provisioning",
    vlanId: 40,
    ipSettings: "ipv4",
    mtu: { mode: "fromSwitch" },
    tcpipStack: "vSphereProvisioning",
    services: ["vSphereProvisioning"],
  },
  ipv4Settings: { mode: "dhcp" },
};

export const distributedWithServices = (portgroupKey: string): VmkernelAdapterModel => ({
  connectionType: "vmkernel",
  targetDevice: { kind: "existingNetwork", portgroupKey },
  portProperties: {
    ipSettings: "ipv4",
    mtu: { mode: "custom", value: 9000 },
    tcpipStack: "defaultTcpipStack",
    services: ["vmotion", "faultToleranceLogging", "vSphereReplication"],
  },
  ipv4Settings: {
    mode: "static",
    address: "192.168.50.21",
    subnetMask: "255.255.255.0",
    overrideGateway: true,
    defaultGateway: "192.168.50.1",
  },
});

export const DVS_UUID = "50 2a 6b 1c 9d 4e 7f 80-91 a2 b3 c4 d5 e6 f7 08";

/** The three plans on three hosts, as the simulator's inventory resolves them. */
export function threePlans(vcenter: string, dvpgKey = "dvportgroup-11", dvsUuid = DVS_UUID, ipv6 = [true, true, true]): ExportInput {
  const hosts: ExportHostPlan[] = [
    {
      hostName: "esx-01.lab.local",
      model: vmotionOnNewSwitchExample(),
      resolved: { newSwitchName: "vSwitch1", device: "vmk1", ipv6Enabled: ipv6[0]! },
    },
    {
      hostName: "esx-02.lab.local",
      model: provisioningOnVSwitch0,
      resolved: { switchMtu: 1500, device: "vmk1", ipv6Enabled: ipv6[1]! },
    },
    {
      hostName: "esx-05.lab.local",
      model: distributedWithServices(dvpgKey),
      resolved: {
        distributedPortGroup: { name: "DPG-Storage", switchName: "DSwitch-Lab", switchUuid: dvsUuid },
        device: "vmk1",
        ipv6Enabled: ipv6[2]!,
      },
    },
  ];
  return { vcenter, datacenter: "Datacenter", hosts };
}
