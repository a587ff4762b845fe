/**
 * English text for every validation code the schemas use. The API answers with these words; the web app's
 * English catalogue takes them from here and its Japanese catalogue translates the same keys.
 */
export const validationMessages = {
  "connectionType.unsupported": "Select VMkernel Network Adapter or Virtual Machine Port Group for a Standard Switch.",
  "targetDevice.required": "Select a target device.",
  "uplinks.invalid": "A physical adapter is named vmnicN.",
  "uplinks.duplicate": "A physical adapter can be in only one of Active, Standby and Unused.",
  "uplinks.required": "A new standard switch needs its adapter assignment (it may be empty).",
  "uplinks.notApplicable": "Adapters are assigned only for a new standard switch.",
  "networkLabel.required": "Enter a network label.",
  "networkLabel.tooLong": "A network label has at most 59 characters.",
  "networkLabel.controlCharacter": "A network label cannot hold control characters.",
  "vlanId.invalid": "Enter a VLAN ID.",
  "vlanId.range": "The VLAN ID must be from 0 (none) to 4094.",
  "vlanId.rangeAll": "The VLAN ID must be from 0 (none) to 4095 (all).",
  "portProperties.inherited": "A distributed port group's network label and VLAN come from the port group.",
  "mtu.invalid": "Enter the MTU as a whole number of bytes.",
  "mtu.range": "The MTU must be from 1280 to 9000 bytes.",
  "mtu.aboveSwitch": "The adapter's MTU {{mtu}} cannot be larger than the switch's MTU {{switchMtu}}.",
  "tcpipStack.required": "Select a TCP/IP stack.",
  "services.duplicate": "A service is listed twice.",
  "services.stackOnly":
    "Services can be enabled only on the default TCP/IP stack; the vMotion and Provisioning stacks carry only their own service.",
  "services.vsanOrWitness": "An adapter carries either vSAN or vSAN Witness traffic: select one of them.",
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
  "rollout.noHosts": "Select at least one host.",
  "rollout.tooManyHosts": "A rollout takes at most 2500 hosts.",
  "rollout.duplicateHost": "This host is in the plan twice.",
  "rollout.concurrency.range": "Hosts changed at once must be from 1 to 64.",
  // Each host's address from a range or pasted CSV (address-plan.ts).
  "addressPlan.range.pastSubnet":
    "The range from {{first}} runs past the subnet {{subnet}}: it has room for {{room}} of the {{count}} hosts.",
  "addressPlan.range.broadcast":
    "The range from {{first}} runs onto the broadcast address of {{subnet}}: it has room for {{room}} of the {{count}} hosts.",
  "addressPlan.csv.columns": "Line {{line}}: write host,address,prefix or mask.",
  "addressPlan.csv.unknownHost": "Line {{line}}: {{host}} is not one of the selected hosts.",
  "addressPlan.csv.badAddress": "Line {{line}}: {{address}} is not an IPv4 or IPv6 address.",
  "addressPlan.csv.badMask": "Line {{line}}: {{mask}} is not a prefix length or a subnet mask for this address.",
  "addressPlan.csv.notAssignable": "Line {{line}}: {{address}} cannot be a VMkernel adapter's address (reserved, network or broadcast).",
  "addressPlan.csv.duplicateHost": "Line {{line}}: {{host}} already has an address of this kind on line {{first}}.",
  "addressPlan.csv.duplicateAddress": "Line {{line}}: {{address}} is already given on line {{first}}.",
  "tcpipStack.name.required": "Enter a name for the TCP/IP stack.",
  "tcpipStack.name.invalid": "A TCP/IP stack's name has at most 63 characters and no control characters.",
  "tcpipStack.name.system": "The {{stack}} TCP/IP stack is a system stack: it keeps its name.",
  "tcpipStack.name.inUse": "{{host}} already has a TCP/IP stack named {{name}}.",
  "dns.vmkernelAdapter.notDhcp": "DNS settings can be taken only from a VMkernel adapter that uses DHCP.",
  "gateway.outsideStackSubnets": "The default gateway must be in the subnet of one of this stack's VMkernel adapters.",
  // The rules that need the host (host-rules.ts), and what only the server sees (the inventory, changes in progress).
  "privilege.missing": "Missing privilege {{privilege}} on {{entity}}",
  "targetDevice.notFound": "{{host}} cannot use {{target}}.",
  "adapter.notFound": "{{host}} has no VMkernel adapter {{device}}.",
  "portGroup.notFound": "{{host}} has no standard port group {{portgroup}}.",
  "portGroup.inUse": "{{device}} is on {{portgroup}}: remove the VMkernel adapter first.",
  "portGroup.nothingToEdit": "Change the network label, the VLAN ID or an override of the switch's policies.",
  "adapter.device": "A VMkernel adapter is named vmk0 to vmk255.",
  "remove.lastManagement":
    "{{device}} is the only adapter with Management on {{host}}: vCenter Server would lose its connection to the host. Enable Management on another adapter first.",
  "remove.lastService": "{{device}} is the only adapter with {{service}} on {{host}}: the host will have no {{service}} traffic.",
  "edit.lastService": "{{device}} is the only adapter with {{service}} on {{host}}: without it the host will have no {{service}} traffic.",
  "edit.managementAddress":
    "{{device}} carries Management: if vCenter Server reaches {{host}} at {{address}}, the host disconnects until it is added again at its new address.",
  "remove.stackInactive": "{{device}} is the last adapter on the {{stack}} TCP/IP stack: the stack becomes inactive on {{host}}.",
  "migrate.alreadyDistributed": "{{device}} is already on a distributed port group.",
  "migrate.alreadyStandard": "{{device}} is already on a standard switch.",
  "migrate.management":
    "{{device}} carries Management: vCenter Server reaches {{host}} through it while it moves. If the host loses vCenter, it rolls the change back.",
  "move.sameStack": "{{device}} is already on the {{stack}} TCP/IP stack.",
  "move.management":
    "{{device}} carries Management, which only the default TCP/IP stack carries: vCenter Server reaches {{host}} through it.",
  "move.servicesStay": "The {{stack}} TCP/IP stack cannot carry {{services}}: disable them in Edit Settings first.",
  "move.outage":
    "{{device}} is removed and added again: {{host}} is without it until the add is made, and gets it back as it was if the add fails.",
  "vswitch.nothingToEdit": "Change the MTU, the security or the teaming and failover.",
  "vswitch.mtuBelowAdapters": "These VMkernel adapters on the switch have an MTU above {{mtu}}: {{devices}}. Lower their MTU first.",
  "vswitch.inUse": "VMkernel adapters are on {{vswitch}} ({{devices}}): remove or migrate them first.",
  "vswitch.portGroupsRemoved":
    "The port groups of {{vswitch}} are removed with it: {{portgroups}}. Virtual machines on them lose their network.",
  "teaming.sameAdapters": "The failover order lists the adapters {{vswitch}} has ({{devices}}): add adapters with Add Networking.",
  "teaming.noActive": "{{vswitch}} has no active or standby adapter: its port groups lose their network.",
  "portGroup.noActive": "{{portgroup}} has no active or standby adapter of its own: it loses its network.",
  "uplinks.unknown": "{{host}} has no physical adapter {{device}}.",
  "uplinks.inUse": "{{device}} is already used by {{owner}}.",
  "uplinks.none": "The new switch has no active or standby adapter: it will have no connectivity until one is added.",
  "uplinks.keepCurrent":
    "{{vswitch}} keeps the adapters it has ({{devices}}): this wizard adds adapters to a switch; to remove one, edit the switch.",
  "uplinks.noneAdded": "Add at least one physical adapter to {{vswitch}}.",
  "uplinks.noneFree": "{{host}} has no free physical adapter: the new switch will have no connectivity.",
  "networkLabel.inUse": '{{host}} already has a port group named "{{label}}".',
  "tcpipStack.unknown": "{{host}} has no TCP/IP stack {{stack}}.",
  "tcpipStack.inactive":
    "The {{stack}} TCP/IP stack on {{host}} becomes configurable once a VMkernel adapter uses it: add one with Add Networking first.",
  "ipv6.hostDisabled": "IPv6 is not enabled on {{host}}.",
  "services.notOffered": "{{host}} (ESXi {{version}}) does not offer {{service}}.",
  "services.stackTaken":
    "You cannot enable {{service}} on an additional adapter if you already have an adapter with the {{stack}} TCP/IP stack configured ({{devices}} on {{host}}).",
  "services.willLose": "{{devices}} on the default TCP/IP stack will lose {{service}}: only the {{stack}} stack carries it from now on.",
  "ipv4.inUse": "{{address}} is already used by {{owner}}.",
  "ipv6.inUse": "{{address}} is already used by {{owner}}.",
  "address.reserved": "Another change in progress is assigning this address ({{host}}): try again once it has finished.",
  "ipv4.sameSubnet":
    "{{devices}} on the same TCP/IP stack is already in this subnet (more than one adapter per subnet and stack is supported only for iSCSI port binding and multi-NIC vMotion).",
  "gateway.stackOutsideSubnet": "The {{stack}} stack's default gateway {{gateway}} is outside this adapter's subnet.",
  "stack.noGateway":
    "The {{stack}} stack has no default gateway on {{host}}: set one on this host (TCP/IP configuration) once the adapter exists.",
  "gateway.outsidePrefix": "The IPv6 gateway {{gateway}} is outside the prefixes of the static addresses.",
  // A change's steps (the vim25 calls of Ready to complete and of the result), and how a change that failed ended.
  "step.addVirtualSwitch": "Add standard switch {{vswitch}} (MTU {{mtu}}, uplinks {{uplinks}})",
  "step.addVirtualSwitch.noUplinks": "Add standard switch {{vswitch}} (MTU {{mtu}}, no uplinks)",
  "step.updateVirtualSwitch": "Assign {{uplinks}} to standard switch {{vswitch}} (active {{active}}, standby {{standby}})",
  "step.updateVirtualNic": "Set {{device}} to IPv4 {{ipv4}}, IPv6 {{ipv6}}, MTU {{mtu}}",
  "step.selectVnicOn": "Enable {{service}} on {{device}}",
  "step.deselectVnic": "Disable {{service}} on {{device}}",
  "step.enableVsanOn": "Enable {{service}} on {{device}} (HostVsanSystem)",
  "step.disableVsan": "Disable {{service}} on {{device}} (HostVsanSystem)",
  "step.editVirtualSwitch": "Set standard switch {{vswitch}}: MTU {{mtu}}, active {{active}}, standby {{standby}}",
  "step.removeVirtualSwitch": "Remove standard switch {{vswitch}}",
  "step.migrateToDistributed": "Migrate {{device}} from {{from}} to distributed port group {{portgroup}}",
  "step.migrateToStandard": 'Migrate {{device}} from {{from}} to standard port group "{{portgroup}}"',
  "step.removeVirtualNic": "Remove VMkernel adapter {{device}} from {{portgroup}}",
  "step.updatePortGroup": 'Set port group "{{portgroup}}" to "{{name}}" (VLAN {{vlanId}}) on {{vswitch}}',
  "step.removePortGroup": 'Remove port group "{{portgroup}}" from {{vswitch}}',
  "step.addPortGroup": 'Add port group "{{portgroup}}" (VLAN {{vlanId}}) to {{vswitch}}',
  "step.addVirtualNic.standard": 'Add a VMkernel adapter on "{{portgroup}}", {{stack}} TCP/IP stack, MTU {{mtu}}',
  "step.addVirtualNic.distributed": "Add a VMkernel adapter on distributed port group {{portgroup}}, {{stack}} TCP/IP stack, MTU {{mtu}}",
  "step.enableVsan": "Enable {{service}} on the new adapter (HostVsanSystem)",
  "step.selectVnic": "Enable {{service}} on the new adapter",
  "step.updateNetStack":
    "Set the {{stack}} TCP/IP stack: default gateway {{gateway}}, DNS {{dns}}, congestion control {{congestionControl}}, maximum connections {{maxConnections}}",
  "outcome.stepFailed": "Step {{step}} of {{steps}} ({{method}}) failed:",
  "outcome.interrupted": "The change was interrupted before step {{step}} of {{steps}}: the API process running it stopped.",
  "outcome.undoFailed": "Undoing step {{step}} ({{method}}) failed:",
  "outcome.reselectFailed": "Enabling {{service}} on {{device}} again failed:",
  "outcome.remains": "These steps could not be undone and remain on {{host}}:",
  "outcome.adapter": "the VMkernel adapter it added is {{device}}",
  "outcome.serviceNotBack": "{{service}} is no longer enabled on {{device}}",
  "outcome.madeAndUndone": "vCenter made that change all the same; it was undone: {{host}} is as it was.",
  "outcome.madeAndAllUndone": "vCenter made that change all the same; it and the earlier steps were undone: {{host}} is as it was.",
  "outcome.earlierUndone": "The earlier steps were undone: {{host}} is as it was.",
  "outcome.undone": "The steps were undone: {{host}} is as it was.",
  "outcome.nothingChanged": "Nothing was changed on {{host}}.",
  "outcome.hostBusy": "Another change on {{host}} has been running for over a minute: nothing was changed. Try again later.",
  "outcome.stoppedBeforeSending": "The API process running the change stopped before anything was sent: nothing was changed on {{host}}.",
  "outcome.editNotMade":
    "The API process running the change stopped; {{host}} does not show the edit of the {{stack}} stack: it is as it was.",
  "outcome.editPending":
    "The edit of the {{stack}} stack got no answer and {{host}} could not be read to see whether it was made. addnet will look again and record the outcome.",
  "outcome.undoUnconfirmed":
    "Undoing the change got no answer and {{host}} could not be read to see what remains. addnet will finish the undo as soon as the host can be read; retry with the same Idempotency-Key to be told the outcome.",
  "outcome.pending":
    "Step {{step}} of {{steps}} ({{method}}) got no answer and {{host}} could not be read to see whether it was made. addnet will finish or undo the change exactly as soon as the host can be read; retry with the same Idempotency-Key to be told the outcome.",
  "outcome.notReadBack":
    "All {{steps}} steps were made, but {{host}} could not be read afterwards. Retry with the same Idempotency-Key to be told what the host has.",
  // vCenter's faults, in vCenter's words (vmodl), with what the fault names.
  "host.notFound": "There is no host {{host}}.",
  "host.unreadable": "{{host}} could not be read:",
  "fault.InvalidArgument": "A specified parameter was not correct: {{property}}.",
  "fault.AlreadyExists": "The specified key, name, or identifier '{{name}}' already exists.",
  "fault.DuplicateName": "The name '{{name}}' already exists.",
  "fault.ResourceInUse": "The resource '{{name}}' is in use.",
  "fault.NotFound": "The object or item referred to could not be found.",
  "fault.ManagedObjectNotFound": "The object has already been deleted or has not been completely created.",
  "fault.InvalidState": "The operation is not allowed in the current state.",
  "fault.HostConfigFault": "An error occurred during host configuration.",
  "fault.PlatformConfigFault": "An error occurred during host configuration.",
  "fault.NotSupported": "The operation is not supported on the object.",
  "fault.HostNotConnected": "Unable to communicate with the remote host, since it is disconnected.",
  "fault.NoPermission": "Permission to perform this operation was denied.",
  "fault.other": "vCenter Server reported the fault {{fault}}.",
  "fault.timeout": "vCenter Server did not answer in time.",
  "fault.unreachable": "The connection to vCenter Server failed.",
  "fault.badReply": "vCenter Server answered with something that is not a vim25 reply.",
  // What no schema names in its own words: a value of the wrong type, a field the request does not have, unreadable JSON.
  "value.invalid": "Enter a valid value.",
  "text.controlCharacter": "Control characters cannot be sent to vCenter.",
  "server.notAllowed": "addnet signs in only to the vCenter servers it is configured for.",
  "cursor.invalid": "Not a cursor this API gave out.",
  "value.unknownField": "This field is not part of the request.",
  "body.invalid": "The request body is not valid JSON.",
  // The audit trail's entries.
  "audit.created": "Created {{device}} on {{portgroup}} ({{stack}} TCP/IP stack).",
  "audit.portGroupCreated": "Created the port group {{portgroup}} on {{vswitch}}.",
  "audit.uplinksAdded": "Added {{uplinks}} to {{vswitch}}.",
  "audit.adapterEdited": "Edited {{device}} on {{portgroup}}.",
  "audit.switchEdited": "Edited the standard switch {{vswitch}}.",
  "audit.switchRemoved": "Removed the standard switch {{vswitch}}.",
  "audit.adapterMigrated": "Migrated {{device}} to {{portgroup}}.",
  "audit.adapterMoved": "Moved {{device}} to the {{stack}} TCP/IP stack as {{newDevice}}.",
  "audit.adapterRemoved": "Removed {{device}} from {{portgroup}}.",
  "audit.portGroupEdited": "Edited the port group {{portgroup}} on {{vswitch}}.",
  "audit.portGroupRemoved": "Removed the port group {{portgroup}} from {{vswitch}}.",
  "audit.edited": "Edited the {{stack}} TCP/IP stack.",
  "audit.editedReplyLost": "Edited the {{stack}} TCP/IP stack (vCenter's reply was lost; the host shows the change).",
  "audit.signedIn": "Signed in to {{server}}.",
  "audit.signedOut": "Signed out.",
  "audit.earlierSignIns": "{{count}} earlier failed sign-ins from {{address}} were counted, not recorded one by one.",
  "fault.InvalidLogin": "Cannot complete login due to an incorrect user name or password.",
  "idempotencyKey.required": "Send an Idempotency-Key header (8 to 128 letters, digits, - or _), the same for every retry of one change.",
  "idempotencyKey.invalid": "An Idempotency-Key has 8 to 128 letters, digits, - or _.",
  "login.username.required": "Enter your user name.",
  "login.password.required": "Enter your password.",
} as const;

/** The vSphere Client's names for the system TCP/IP stacks (a custom stack goes by its own name). */
export const stackNames = {
  defaultTcpipStack: "Default",
  vmotion: "vMotion",
  vSphereProvisioning: "Provisioning",
} as const;

/** The vSphere Client's names for the VMkernel services (HostVirtualNicManagerNicType). */
export const serviceNames = {
  vmotion: "vMotion",
  vSphereProvisioning: "Provisioning",
  faultToleranceLogging: "Fault Tolerance logging",
  management: "Management",
  vSphereReplication: "vSphere Replication",
  vSphereReplicationNFC: "vSphere Replication NFC",
  vsan: "vSAN",
  vsanWitness: "vSAN Witness",
  vSphereBackupNFC: "vSphere Backup NFC",
  nvmeTcp: "NVMe over TCP",
  nvmeRdma: "NVMe over RDMA",
  ptp: "PTP",
} as const;

export type ValidationCode = keyof typeof validationMessages;
export const validationCodes = Object.keys(validationMessages) as [ValidationCode, ...ValidationCode[]];

export function isValidationCode(code: string): code is ValidationCode {
  return code in validationMessages;
}

/**
 * The English text for a code with its params filled in; zod's own messages (wrong types, unknown keys) pass through
 * as they are. The browser says the same code in the user's language from its catalogues.
 */
export function validationMessage(code: string, params: Record<string, string | number> = {}): string {
  const text = (validationMessages as Record<string, string>)[code] ?? code;
  const named: Record<string, string | number> = { ...params };
  if (typeof params.stack === "string") named.stack = (stackNames as Record<string, string>)[params.stack] ?? params.stack;
  if (typeof params.service === "string") named.service = (serviceNames as Record<string, string>)[params.service] ?? params.service;
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in named ? String(named[name]) : whole));
}

/**
 * A message's words by `say` (English here, the user's language in the browser): its sentence, then the items it
 * introduces, one after another.
 */
export function messageText(
  m: { code: string; params?: Record<string, string | number>; items?: { code: string; params?: Record<string, string | number> }[] },
  say: (code: string, params?: Record<string, string | number>) => string,
): string {
  const text = say(m.code, m.params);
  if (!m.items?.length) return text;
  return `${text} ${m.items.map((i) => say(i.code, i.params).replace(/[.。]$/, "")).join("; ")}.`;
}
