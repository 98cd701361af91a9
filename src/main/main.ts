// The composition root: wires Electron and the real collaborators to the core, and nothing else.
import path from 'node:path'
import { app, BrowserWindow, ipcMain, Menu, shell } from 'electron'
import type { MenuItemConstructorOptions } from 'electron'
import { dataDirFor, resolveConfig } from './config'
import type { AppConfig } from './config'
import { createCore } from './core'
import type { Core, CoreOptions } from './core-types'
import { registerHandlers } from './ipc/register-handlers'
import { isTrustedSender, senderFactsOf } from './ipc/trusted-sender'
import { startSandbox } from './sandbox/index'
import { createMainWindow, denyAllPermissions, registerAppScheme, serveRenderer } from './window'
import { RENDERER_ORIGIN } from './window-options'

type GoogleClient = Pick<CoreOptions, 'endpoints' | 'clientId' | 'clientSecret'>

let window: BrowserWindow | null = null
let closeServices: (() => Promise<void>) | null = null

registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (window === null) {
      if (closeServices !== null) openWindow()
      return
    }
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', (event) => {
    const close = closeServices
    if (close === null) return
    closeServices = null
    event.preventDefault()
    void close().finally(() => app.quit())
  })
  app.whenReady().then(start).catch(fail)
}

async function start(): Promise<void> {
  const config = resolveConfig(process.argv, process.env)
  const backend = await connect(config)
  let core: Core
  try {
    core = await createCore({
      endpoints: backend.client.endpoints,
      clientId: backend.client.clientId,
      clientSecret: backend.client.clientSecret,
      dataDir: dataDirFor(config, app.getPath('userData')),
      keychainService: config.keychainService,
      openExternal: (url: string) => shell.openExternal(url),
    })
  } catch (error) {
    await backend.close()
    throw error
  }

  const unregister = registerHandlers({
    ipcMain,
    core,
    isTrustedSender: (event) =>
      isTrustedSender(senderFactsOf(event), {
        rendererOrigin: RENDERER_ORIGIN,
        windowWebContentsId: window && !window.isDestroyed() ? window.webContents.id : null,
      }),
    eventTarget: () => (window && !window.isDestroyed() ? window.webContents : null),
  })
  closeServices = async () => {
    unregister()
    await core.close()
    await backend.close()
  }

  denyAllPermissions()
  serveRenderer(path.join(__dirname, '../renderer'))
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate()))
  openWindow()
  app.on('activate', () => {
    if (window === null) openWindow()
  })
}

function openWindow(): void {
  window = createMainWindow(path.join(__dirname, '../preload/preload.js'))
  window.on('closed', () => {
    window = null
  })
}

function menuTemplate(): MenuItemConstructorOptions[] {
  const appMenu: MenuItemConstructorOptions[] =
    process.platform === 'darwin' ? [{ role: 'appMenu' }] : [{ role: 'fileMenu' }]
  return [...appMenu, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }]
}

/** The OAuth client and endpoints to use: Google's from the config, or a freshly started sandbox. */
async function connect(
  config: AppConfig,
): Promise<{ client: GoogleClient; close(): Promise<void> }> {
  if (config.mode === 'google') return { client: config, close: async () => undefined }
  const sandbox = await startSandbox()
  console.log(`Postline runs on the sandbox (not Google): ${sandbox.url}`)
  return {
    client: sandbox,
    close: async () => {
      await sandbox.close()
    },
  }
}

function fail(error: unknown): void {
  console.error('Postline could not start:', error)
  app.exit(1)
}
