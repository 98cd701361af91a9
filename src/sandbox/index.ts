export type {
  Sandbox,
  SandboxFault,
  SandboxGrant,
  SandboxIdentity,
  SandboxMessage,
  SandboxOptions,
  SandboxRequestRecord,
  SandboxRevocation,
  SandboxSendVia,
} from './types'
export {
  DEFAULT_SANDBOX_CLIENT_ID,
  DEFAULT_SANDBOX_CLIENT_SECRET,
  DEFAULT_SANDBOX_IDENTITIES,
  startSandbox,
} from './server'
export { UnknownIdentityError } from './control-routes'
export { gmailErrors } from './gmail-error-bodies'
export { GMAIL_MAX_JSON_BYTES } from './gmail-routes'
export * as googleFacts from './google-facts'
export { GMAIL_MAX_MESSAGE_BYTES, GMAIL_SEND_PATH, GMAIL_UPLOAD_PATH } from './google-facts'
export type { AttachmentSummary, MessageSummary } from './mailbox'
export { MAILBOX_JSON_PATH, MAILBOX_PAGE_PATH } from './mailbox-page'
