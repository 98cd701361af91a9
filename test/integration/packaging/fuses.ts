import { FuseV1Options } from '@electron/fuses'

/**
 * The fuses Postline's package must carry, by @electron/fuses' names (true: on). electron-builder.yml
 * spells each with a lower-case first letter (`RunAsNode` → `runAsNode`).
 */
export const POSTLINE_FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
} as const satisfies Record<keyof typeof FuseV1Options, boolean>

export type FuseName = keyof typeof POSTLINE_FUSES

export const FUSE_NAMES = Object.keys(POSTLINE_FUSES) as FuseName[]

/** A fuse's position in the wire. */
export const fuseIndex = (name: FuseName): number => FuseV1Options[name]

/** A fuse's key in electron-builder.yml's `electronFuses`. */
export const configKey = (name: FuseName): string => name[0]!.toLowerCase() + name.slice(1)

/** The bytes a fuse holds in the wire: ASCII '1' on, '0' off. */
export const ON = 0x31
export const OFF = 0x30

/** Electron's fuse sentinel (@electron/fuses' SENTINEL, which its index does not export). */
export const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'

/**
 * The fuse wire as Electron 43 and later ship it (electron/build/fuses/fuses.json5): version 1,
 * nine fuses at their defaults, the ninth (WasmTrapHandlers, on) unknown to @electron/fuses 1.8.
 */
export const ELECTRON_DEFAULT_WIRE = Buffer.concat([
  Buffer.from(SENTINEL, 'latin1'),
  Buffer.from([1, 9]),
  Buffer.from('101100011', 'latin1'),
])
/** Where the ninth fuse sits. */
export const WASM_TRAP_HANDLERS = 8
