export type {
  Sandbox,
  SandboxFault,
  SandboxGrant,
  SandboxIdentity,
  SandboxOptions,
  SandboxRequestRecord,
  SandboxRevocation,
} from './types'
export {
  DEFAULT_SANDBOX_CLIENT_ID,
  DEFAULT_SANDBOX_CLIENT_SECRET,
  DEFAULT_SANDBOX_IDENTITIES,
  startSandbox,
} from './server'
export { UnknownIdentityError } from './control-routes'
