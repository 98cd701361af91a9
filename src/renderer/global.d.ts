/// <reference types="vite/client" />
import type { PostlineApi } from '../shared/api'

declare global {
  interface Window {
    /** The only way out of the page: the bridge the preload (or the e2e test bridge) exposes. */
    readonly postline: PostlineApi
  }
}

export {}
