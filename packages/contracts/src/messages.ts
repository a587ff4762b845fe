/**
 * English text for every validation code the schemas use. The API answers with these words; the web app's
 * English catalogue takes them from here and its Japanese catalogue translates the same keys.
 */
export const validationMessages = {
  "connectionType.unsupported": "Only VMkernel Network Adapter is supported.",
  "targetDevice.required": "Select a target device.",
  "uplinks.invalid": "A physical adapter is named vmnicN.",
  "uplinks.duplicate": "A physical adapter can be in only one of Active, Standby and Unused.",
  "uplinks.required": "A new standard switch needs its adapter assignment (it may be empty).",
  "uplinks.notApplicable": "Adapters are assigned only for a new standard switch.",
  "networkLabel.required": "Enter a network label.",
  "networkLabel.tooLong": "A network label has at most 59 characters.",
  "vlanId.invalid": "Enter a VLAN ID.",
  "vlanId.range": "The VLAN ID must be from 0 (none) to 4094.",
  "portProperties.inherited": "A distributed port group's network label and VLAN come from the port group.",
  "mtu.invalid": "Enter the MTU as a whole number of bytes.",
  "mtu.range": "The MTU must be from 1280 to 9000 bytes.",
  "mtu.aboveSwitch": "The adapter's MTU cannot be larger than the switch's MTU.",
  "tcpipStack.required": "Select a TCP/IP stack.",
  "services.duplicate": "A service is listed twice.",
  "services.stackOnly":
    "Services can be enabled only on the default TCP/IP stack; the vMotion and Provisioning stacks carry only their own service.",
  "ipv4.invalid": "Enter an IPv4 address such as 192.168.10.11.",
  "ipv4.networkOrBroadcast": "This is the network or broadcast address of the subnet.",
  "ipv4.notAssignable": "Loopback, multicast, link-local, broadcast and other reserved addresses cannot be a VMkernel adapter's address.",
  "ipv4.required": "Enter the IPv4 settings.",
  "ipv4.notApplicable": "IPv4 settings apply only when IP settings include IPv4.",
  "subnetMask.invalid": "Enter a subnet mask such as 255.255.255.0.",
  "gateway.invalid": "Enter a valid default gateway.",
  "gateway.outsideSubnet": "The default gateway must be in the adapter's subnet.",
  "gateway.isAddress": "The default gateway cannot be the adapter's own address.",
  "gateway.networkOrBroadcast": "The default gateway cannot be the network or broadcast address of the subnet.",
  "gateway.notAssignable": "Loopback, multicast, link-local and other reserved addresses cannot be a default gateway.",
  "ipv6.invalid": "Enter an IPv6 address such as 2001:db8::11.",
  "ipv6.noneChosen": "Choose DHCP, router advertisement or at least one static IPv6 address.",
  "ipv6.duplicate": "This IPv6 address is listed twice.",
  "ipv6.notAssignable": "The unspecified, loopback, multicast and link-local addresses cannot be a VMkernel adapter's static address.",
  "ipv6.required": "Enter the IPv6 settings.",
  "ipv6.notApplicable": "IPv6 settings apply only when IP settings include IPv6.",
  "prefixLength.invalid": "Enter the prefix length as a whole number, such as 64.",
  "prefixLength.range": "The prefix length must be from 1 to 128.",
  "dns.vmkernelAdapter.required": "Select the VMkernel adapter to take DNS settings from.",
  "dns.hostName.required": "Enter a host name.",
  "dns.hostName.invalid": "A host name has letters, digits and hyphens, and no dots.",
  "dns.domainName.invalid": "Enter a domain name such as example.com.",
  "dns.server.invalid": "Enter a DNS server's IPv4 or IPv6 address.",
  "congestionControl.invalid": "The congestion control algorithm is New Reno or CUBIC.",
  "maxConnections.invalid": "Enter the maximum number of connections as a whole number.",
  "maxConnections.range": "The maximum number of connections must be from 1 to 1000000.",
  "netstack.noChange": "Change at least one setting.",
  "dns.vmkernelAdapter.notDhcp": "DNS settings can be taken only from a VMkernel adapter that uses DHCP.",
  "gateway.outsideStackSubnets": "The default gateway must be in the subnet of one of this stack's VMkernel adapters.",
  "idempotencyKey.required": "Send an Idempotency-Key header (8 to 128 letters, digits, - or _), the same for every retry of one change.",
  "idempotencyKey.invalid": "An Idempotency-Key has 8 to 128 letters, digits, - or _.",
  "login.username.required": "Enter your user name.",
  "login.password.required": "Enter your password.",
} as const;

export type ValidationCode = keyof typeof validationMessages;

/** The English text for a code; zod's own messages (wrong types, unknown keys) pass through as they are. */
export function validationMessage(code: string): string {
  return (validationMessages as Record<string, string>)[code] ?? code;
}
