import type { MenuItemConstructorOptions } from 'electron'

/** What the menu's own items do; main.ts wires them to Electron. */
export interface MenuActions {
  /** Help ▸ Open log folder: shows the folder holding postline.log (log-file.ts). */
  readonly openLogFolder: () => void
}

export const OPEN_LOG_FOLDER_LABEL = 'Open log folder'

/**
 * The application menu. A packaged build has no Developer Tools, no reload (the role `viewMenu`
 * has both): only zoom and full screen. Development runs keep them. Help ▸ Open log folder is in
 * every build, so a person can find the log to send.
 */
export function menuTemplate(
  { isPackaged, platform }: { readonly isPackaged: boolean; readonly platform: NodeJS.Platform },
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const development: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
      ]
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...development,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  }
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: OPEN_LOG_FOLDER_LABEL, click: () => actions.openLogFolder() }],
  }
  return [
    platform === 'darwin' ? { role: 'appMenu' } : { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    help,
  ]
}
