import { randomBytes } from 'node:crypto'

/**
 * A new id for a record of the data folder (a draft, an attachment, an outbox item): 16 random
 * bytes as base64url, so it is unguessable, fits the contract's id pattern and is a safe file name.
 */
export function newRecordId(): string {
  return randomBytes(16).toString('base64url')
}
