import type { MenuItemConstructorOptions } from 'electron'
import { acceleratorOf, SHORTCUT_ACTIONS, type ShortcutAction } from '../shared/shortcuts'
import type { MainTranslator } from './i18n/translate'

/** What the menu's own items do; main.ts wires them to Electron. */
export interface MenuActions {
  /** Help ▸ Open log folder: shows the folder holding postline.log (log-file.ts). */
  readonly openLogFolder: () => void
  /**
   * Message ▸ … and Help ▸ Keyboard shortcuts: the window runs the composer's action (main.ts
   * sends it the `menu.action` event), as if its shortcut had been pressed there.
   */
  readonly composerAction: (action: ShortcutAction) => void
}

type MenuKey = Parameters<MainTranslator['t']>[0]

/** The Message menu's label for each composer action; the sheet's own is under Help. */
const MESSAGE_LABELS: Readonly<Record<Exclude<ShortcutAction, 'shortcuts'>, MenuKey>> = {
  send: 'menu.message.send',
  sendLater: 'menu.message.sendLater',
  showCc: 'menu.message.showCc',
  showBcc: 'menu.message.showBcc',
  attach: 'menu.message.attach',
  insertTemplate: 'menu.message.insertTemplate',
  insertLink: 'menu.message.insertLink',
  togglePlainText: 'menu.message.togglePlainText',
  nextAccount: 'menu.message.nextAccount',
  previousAccount: 'menu.message.previousAccount',
}

/** Where the menu runs and the language it speaks. */
export interface MenuContext {
  readonly isPackaged: boolean
  readonly platform: NodeJS.Platform
  /** Main's translator for the app's language (mainTranslator(preferences.language().active)). */
  readonly t: MainTranslator
}

/** The product's name inside menu labels ("Quit Postline"): a name, never translated. */
const APP_NAME = 'Postline'

/**
 * The application menu in the app's language. Every item keeps its Electron role (what it does,
 * its accelerator, macOS's special menus) but carries a label from the catalogs, because
 * Electron words roles itself in English only. A packaged build has no Developer Tools, no
 * reload: only zoom and full screen. Development runs keep them. Help ▸ Open log folder is in
 * every build, so a person can find the log to send. Pure: main.ts builds it again whenever
 * the language changes.
 */
export function menuTemplate(
  { isPackaged, platform, t }: MenuContext,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const word = (key: MenuKey): string => t.t(key, { app: APP_NAME })
  // The window handles the keys itself (the composer's dispatcher, wherever the focus is), so
  // the menus show the accelerators without registering them: a key is never run twice.
  const composerItem = (action: ShortcutAction, label: string): MenuItemConstructorOptions => ({
    label,
    accelerator: acceleratorOf(action),
    registerAccelerator: false,
    click: () => actions.composerAction(action),
  })
  const separator: MenuItemConstructorOptions = { type: 'separator' }
  const development: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [
        { role: 'reload', label: word('menu.view.reload') },
        { role: 'forceReload', label: word('menu.view.forceReload') },
        { role: 'toggleDevTools', label: word('menu.view.toggleDevTools') },
        separator,
      ]
  const first: MenuItemConstructorOptions = mac
    ? {
        role: 'appMenu',
        label: APP_NAME,
        submenu: [
          { role: 'about', label: word('menu.app.about') },
          separator,
          { role: 'services', label: word('menu.app.services') },
          separator,
          { role: 'hide', label: word('menu.app.hide') },
          { role: 'hideOthers', label: word('menu.app.hideOthers') },
          { role: 'unhide', label: word('menu.app.unhide') },
          separator,
          { role: 'quit', label: word('menu.app.quit') },
        ],
      }
    : {
        role: 'fileMenu',
        label: word('menu.file'),
        submenu: [{ role: 'quit', label: word('menu.file.quit') }],
      }
  const edit: MenuItemConstructorOptions = {
    role: 'editMenu',
    label: word('menu.edit'),
    submenu: [
      { role: 'undo', label: word('menu.edit.undo') },
      { role: 'redo', label: word('menu.edit.redo') },
      separator,
      ...editItems(t),
      ...(mac ? [{ role: 'pasteAndMatchStyle', label: word('menu.edit.pasteAndMatchStyle') }] : []),
      { role: 'delete', label: word('menu.edit.delete') },
      separator,
      { role: 'selectAll', label: word('menu.edit.selectAll') },
    ] as MenuItemConstructorOptions[],
  }
  const message: MenuItemConstructorOptions = {
    label: word('menu.message'),
    submenu: SHORTCUT_ACTIONS.flatMap((action) =>
      action === 'shortcuts' ? [] : [composerItem(action, word(MESSAGE_LABELS[action]))],
    ),
  }
  const view: MenuItemConstructorOptions = {
    label: word('menu.view'),
    submenu: [
      ...development,
      { role: 'resetZoom', label: word('menu.view.resetZoom') },
      { role: 'zoomIn', label: word('menu.view.zoomIn') },
      { role: 'zoomOut', label: word('menu.view.zoomOut') },
      separator,
      { role: 'togglefullscreen', label: word('menu.view.toggleFullScreen') },
    ],
  }
  const windowMenu: MenuItemConstructorOptions = {
    role: 'windowMenu',
    label: word('menu.window'),
    submenu: mac
      ? [
          { role: 'minimize', label: word('menu.window.minimize') },
          { role: 'zoom', label: word('menu.window.zoom') },
          separator,
          { role: 'front', label: word('menu.window.front') },
        ]
      : [
          { role: 'minimize', label: word('menu.window.minimize') },
          { role: 'close', label: word('menu.window.close') },
        ],
  }
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: word('menu.help'),
    submenu: [
      composerItem('shortcuts', word('menu.help.shortcuts')),
      separator,
      { label: word('menu.help.openLogFolder'), click: () => actions.openLogFolder() },
    ],
  }
  return [first, edit, message, view, windowMenu, help]
}

/** Cut, Copy and Paste in the app's language: the Edit menu and the editor's context menu share them. */
export function editItems(t: MainTranslator): MenuItemConstructorOptions[] {
  return [
    { role: 'cut', label: t.t('menu.edit.cut') },
    { role: 'copy', label: t.t('menu.edit.copy') },
    { role: 'paste', label: t.t('menu.edit.paste') },
  ]
}
