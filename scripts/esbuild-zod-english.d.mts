import type { Plugin } from 'esbuild'

/** See esbuild-zod-english.mjs. */
export function zodEnglishOnly(root: string): Plugin
