/** Users, roles and permissions of the simulated vCenter (the README lists the demo credentials). */

export interface User {
  /** What the user types at login. */
  login: string;
  /** The name vCenter reports and grants permissions to. */
  principal: string;
  fullName: string;
  password: string;
  groups: string[];
}

export interface Role {
  roleId: number;
  name: string;
  /** How the vSphere Client names the role, and what it says of it (AuthorizationRole.info). */
  label: string;
  summary: string;
  system: boolean;
  privileges: string[];
}

export interface Permission {
  /** MoRef value of the entity the permission is set on. */
  entity: string;
  principal: string;
  group: boolean;
  roleId: number;
  propagate: boolean;
}

export const PRIVILEGES = [
  "System.Anonymous",
  "System.View",
  "System.Read",
  "Sessions.ValidateSession",
  "Sessions.TerminateSession",
  "Authorization.ModifyPermissions",
  "Host.Config.Network",
  "Host.Config.Storage",
  "Host.Config.Maintenance",
  "Network.Assign",
  "Network.Config",
  "DVSwitch.Modify",
  "DVPortgroup.Modify",
] as const;

const READ = ["System.Anonymous", "System.View", "System.Read"];

export const ROLES: Role[] = [
  { roleId: -1, name: "Admin", label: "Administrator", summary: "Full access rights", system: true, privileges: [...PRIVILEGES] },
  {
    roleId: -2,
    name: "ReadOnly",
    label: "Read-only",
    summary: "See details of objects, but not make changes",
    system: true,
    privileges: READ,
  },
  {
    roleId: -3,
    name: "View",
    label: "View",
    summary: "Visibility access (cannot be granted)",
    system: true,
    privileges: ["System.Anonymous", "System.View"],
  },
  {
    roleId: -4,
    name: "Anonymous",
    label: "Anonymous",
    summary: "Not logged-in user (cannot be granted)",
    system: true,
    privileges: ["System.Anonymous"],
  },
  { roleId: -5, name: "NoAccess", label: "No access", summary: "Used for restricting granted access", system: true, privileges: [] },
  {
    roleId: 1001,
    name: "Network Help Desk",
    label: "Network Help Desk",
    summary: "Configure host networking and assign networks",
    system: false,
    privileges: [...READ, "Host.Config.Network", "Network.Assign"],
  },
];

export const USERS: User[] = [
  {
    login: "administrator@vsphere.local",
    principal: "VSPHERE.LOCAL\\Administrator",
    fullName: "Administrator vsphere.local",
    password: "VMware1!",
    groups: ["VSPHERE.LOCAL\\Administrators"],
  },
  {
    login: "helpdesk@vsphere.local",
    principal: "VSPHERE.LOCAL\\helpdesk",
    fullName: "Help Desk",
    password: "Helpdesk1!",
    groups: ["VSPHERE.LOCAL\\NetworkHelpDesk"],
  },
  {
    login: "readonly@vsphere.local",
    principal: "VSPHERE.LOCAL\\readonly",
    fullName: "Read Only",
    password: "ReadOnly1!",
    groups: [],
  },
];

export const GROUPS = [
  { principal: "VSPHERE.LOCAL\\Administrators", fullName: "Administrators" },
  { principal: "VSPHERE.LOCAL\\NetworkHelpDesk", fullName: "Network help desk" },
];

/** A user by login name or principal, case-insensitively as vCenter matches them. */
export function findUser(name: string): User | undefined {
  const n = name.toLowerCase();
  return USERS.find((u) => u.login === n || u.principal.toLowerCase() === n);
}
