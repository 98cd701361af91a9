import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { IpcRendererEvent } from 'electron'
import { createApi } from '../shared/api'
import type { Invoke, PathsForFiles, Subscribe } from '../shared/api'
import { ipcName } from '../shared/channels'
import { INTERNAL_ERROR } from '../shared/errors'

/**
 * The bridge: the page gets `window.postline` with verbs only. `ipcRenderer` itself never
 * crosses into the page, so the page cannot send on channels outside the contract.
 */
const invoke: Invoke = (channel, input) =>
  // `invoke` rejects only when main has no handler yet (startup) or the window is closing.
  ipcRenderer
    .invoke(ipcName(channel), input)
    .catch(() => ({ ok: false as const, error: INTERNAL_ERROR }))

const subscribe: Subscribe = (event, listener) => {
  const channel = ipcName(event)
  const forward = (_event: IpcRendererEvent, payload: Parameters<typeof listener>[0]): void =>
    listener(payload)
  ipcRenderer.on(channel, forward)
  return () => {
    ipcRenderer.removeListener(channel, forward)
  }
}

/** Only real dropped files have a path; a `File` made by page script maps to '' and is left out. */
const pathsForFiles: PathsForFiles = (files) =>
  files
    .map((file) => (file instanceof File ? webUtils.getPathForFile(file) : ''))
    .filter((path) => path !== '')

contextBridge.exposeInMainWorld('postline', createApi(invoke, subscribe, pathsForFiles))
