import { createHash, randomBytes } from 'node:crypto'

/** A PKCE pair (RFC 7636): the verifier stays in main, only the S256 challenge leaves. */
export interface PkcePair {
  readonly verifier: string
  readonly challenge: string
  readonly method: 'S256'
}

/** 32 random bytes → a 43-character base64url verifier, the RFC 7636 §4.1 recommendation. */
export function createPkcePair(random: (size: number) => Buffer = randomBytes): PkcePair {
  const verifier = random(32).toString('base64url')
  return { verifier, challenge: s256Challenge(verifier), method: 'S256' }
}

/** BASE64URL(SHA256(ASCII(verifier))), RFC 7636 §4.2. */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}

/** An unguessable `state` binding the redirect to this sign-in (RFC 6749 §10.12). */
export function createState(random: (size: number) => Buffer = randomBytes): string {
  return random(24).toString('base64url')
}
